using HoopOrleans.Hosting;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// Two silos over one PostgreSQL database with the given connections (each <c>bash -s</c>), a run
/// uid range and home root of a test's own: a cluster as it is before or after an operator's
/// restart. Sessions are placed on either silo at random.
/// </summary>
public sealed class RunUidCluster : IAsyncDisposable
{
    private RunUidCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public static async Task<RunUidCluster> StartAsync(string database, string range, string homeRoot, params string[] connections)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Security:RunUidRange"] = range,
            ["Security:RunHomeRoot"] = homeRoot,
        };
        foreach (var connection in connections)
        {
            settings[$"Connections:{connection}:Command:0"] = "bash";
            settings[$"Connections:{connection}:Command:1"] = "-s";
        }

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<PostgresConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RunUidCluster(cluster);
    }

    /// <summary>Runs <c>id -u</c> as <paramref name="caller"/> on <paramref name="connection"/>: the uid it ran as, and the silo that ran it.</summary>
    public async Task<(uint Uid, string Silo)> UidOfAsync(string connection, string caller)
    {
        var request = new SessionRequest(connection, "id -u", [], "{}", "{}", caller);
        var session = await Cluster.GrainFactory.GetGrain<ISessionGrain>(Guid.NewGuid().ToString()).RunToEndAsync(request);
        Assert.Equal(0, session.ExitCode);
        return (uint.Parse(System.Text.Encoding.UTF8.GetString(session.Output).Trim()), session.Silo!);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class PostgresConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(siloBuilder.Configuration.GetSection(RetentionOptions.Section));
            siloBuilder.UsePostgresSessions(siloBuilder.Configuration.GetConnectionString("Postgres")!);
            siloBuilder.AddHoopSessions();
        }
    }
}
