using System.Collections.Concurrent;
using HoopOrleans.Hosting;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.InMemory;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// A two-silo cluster whose sessions live in a real session store, each silo running that store's
/// review expiry sweep as a silo of the service does, with a short <c>Retention:ReviewMaxAge</c>
/// and a sweep every 100 ms. A session grain is placed on either silo; either silo's sweep may
/// find it. Each store has a class deriving from this one that says which store.
/// </summary>
public abstract class ReviewExpiryCluster : IAsyncLifetime
{
    /// <summary>
    /// Short beside the 7-day default, and still far longer than any test takes to request and
    /// review a session: only sessions stored as requested before it expire while a test runs.
    /// </summary>
    public static readonly TimeSpan ReviewMaxAge = TimeSpan.FromMinutes(1);

    private const string StoreKey = "Tests:InMemoryStore";

    /// <summary>The in-memory stores of the clusters that keep sessions in memory: one per cluster, shared by its silos as one process's store is.</summary>
    private static readonly ConcurrentDictionary<string, InMemorySessionStore> InMemoryStores = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The session grains' storage, as a silo sees it.</summary>
    public IGrainStorage Storage =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sessions);

    /// <summary>The settings that choose the store: a PostgreSQL connection string, or an in-memory store's key.</summary>
    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connections:bash:Command:0"] = "bash",
            ["Connections:bash:Command:1"] = "-s",
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Retention:ReviewMaxAge"] = ReviewMaxAge.ToString(),
            ["Retention:SweepInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in await StoreSettingsAsync())
        {
            settings[key] = value;
        }

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<StoreConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Settings for a cluster whose silos share one in-memory store of their own.</summary>
    protected static Dictionary<string, string?> InMemorySettings() => new() { [StoreKey] = Guid.NewGuid().ToString() };

    /// <summary>Stores <paramref name="session"/> as its grain's first write would have, when it was requested.</summary>
    public Task StoreAsync(SessionRecord session) =>
        Storage.WriteStateAsync("session", Grains.GetGrain<ISessionGrain>(session.Id).GetGrainId(), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));

    /// <summary>The session as storage holds it now.</summary>
    public async Task<SessionRecord?> ReadStoredAsync(string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await Storage.ReadStateAsync("session", Grains.GetGrain<ISessionGrain>(id).GetGrainId(), state);
        return state.State?.Session;
    }

    private sealed class StoreConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            siloBuilder.Services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration.GetSection(RetentionOptions.Section));
            siloBuilder.AddHoopSessions();
            if (configuration.GetConnectionString("Postgres") is { } postgres)
            {
                siloBuilder.UsePostgresSessions(postgres);
                return;
            }

            // Registered after the store's own, so both silos resolve the one store of this cluster.
            siloBuilder.UseInMemorySessions();
            var store = InMemoryStores.GetOrAdd(configuration[StoreKey]!, _ => new InMemorySessionStore());
            siloBuilder.Services.AddSingleton(store);
        }
    }
}
