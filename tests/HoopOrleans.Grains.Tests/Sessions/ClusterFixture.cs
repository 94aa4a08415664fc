using HoopOrleans.Hosting;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.TestingHost;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>A two-silo cluster shared by every grain test; each test uses session ids of its own.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connections:bash:Command:0"] = "bash",
            ["Connections:bash:Command:1"] = "-s",
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Connections:guarded:Command:0"] = "bash",
            ["Connections:guarded:Command:1"] = "-s",
            ["Connections:guarded:Review"] = "true",
            ["Connections:described:Command:0"] = "bash",
            ["Connections:described:Command:1"] = "-s",
            ["Connections:described:Type"] = "database",
            ["Connections:described:Subtype"] = "postgres",
            ["Connections:described:Tags:team"] = "sre",
            ["Connections:described:Tags:env"] = "prod",
        }));
        builder.AddSiloBuilderConfigurator<SessionSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The grain storage the sessions live in, as a silo sees it.</summary>
    public IGrainStorage Storage =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);

    public async Task<StoredSession> ReadStoredAsync(string sessionId)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await Storage.ReadStateAsync("session", Grains.GetGrain<ISessionGrain>(sessionId).GetGrainId(), state);
        return new StoredSession(state.RecordExists, state.State?.Session);
    }

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>The sessions whose activation read storage while marked as new, on any silo.</summary>
    public static IReadOnlyCollection<GrainId> ReadsMarkedNew => HintRecordingStorage.Marked.Keys.ToList();

    private sealed class SessionSiloConfigurator : ISiloConfigurator
    {
        private const string Inner = "sessions-in-memory";

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(Inner).AddHoopSessions();
            siloBuilder.Services.AddLogging(logging => logging
                .AddProvider(new AuditEvents())
                .AddFilter<AuditEvents>(SessionAudit.Category, LogLevel.Information));
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sessions, (services, _) =>
                new HintRecordingStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner)));
        }
    }

    /// <summary>
    /// Memory storage that notes which reads arrived with <see cref="NewSessionHint"/> set, and puts
    /// the <see cref="StorageFaults"/> of a test on its sessions' writes.
    /// </summary>
    private sealed class HintRecordingStorage(IGrainStorage inner) : IGrainStorage
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, bool> Marked = new();

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (NewSessionHint.IsMarked)
            {
                Marked[grainId] = true;
            }

            return inner.ReadStateAsync(stateName, grainId, grainState);
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await StorageFaults.BeforeWriteAsync(grainId, (grainState.State as SessionGrainState)?.Session);
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
