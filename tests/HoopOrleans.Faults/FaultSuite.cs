using HoopOrleans.Faults.Scenarios;
using HoopOrleans.Testing.Cluster;

namespace HoopOrleans.Faults;

/// <summary>
/// Every scenario in order: the cluster ones on one local cluster started for them (each starts
/// again what it stopped), then the embedded ones. A scenario that throws is a failed row, and the
/// suite goes on.
/// </summary>
public static class FaultSuite
{
    /// <summary>Scenario names, for choosing some on the command line.</summary>
    public static readonly string[] Names = ["postgres", "kill", "drain", "front", "restart", "hostile", "soak"];

    public static async Task<List<Figure>> RunAsync(Scale scale, IReadOnlySet<string> only, TextWriter log)
    {
        bool Wanted(string name) => only.Count == 0 || only.Contains(name);
        var figures = new List<Figure>();
        async Task Run(string name, Func<Task<Figure>> scenario)
        {
            if (!Wanted(name))
            {
                return;
            }

            log.WriteLine($"{DateTime.Now:HH:mm:ss} {name}");
            var figure = await SafelyAsync(name, scenario);
            log.WriteLine("  " + figure);
            figures.Add(figure);
        }

        if (Names[..5].Any(Wanted))
        {
            log.WriteLine($"{DateTime.Now:HH:mm:ss} starting the local cluster (2 silos, 2 front ends, PostgreSQL)");
            var cluster = new LocalCluster();
            await cluster.InitializeAsync();
            try
            {
                var stage = new ClusterStage(cluster, scale);
                await Run("postgres", () => new PostgresOutage(stage).RunAsync());
                await Run("kill", () => new SiloKills(stage).RunAsync());
                await Run("drain", () => new SiloDrain(stage).RunAsync());
                await Run("front", () => new FrontEndKill(stage).RunAsync());
                await Run("restart", () => new ClusterRestart(stage).RunAsync());
            }
            finally
            {
                await cluster.DisposeAsync();
            }
        }

        await Run("hostile", () => new HostileInput(scale).RunAsync());
        await Run("soak", () => new Soak(scale).RunAsync());
        return figures;
    }

    private static async Task<Figure> SafelyAsync(string name, Func<Task<Figure>> scenario)
    {
        try
        {
            return await scenario();
        }
        catch (Exception e)
        {
            var failed = new Figure(name);
            failed.Failures.Add($"the scenario failed: {e}");
            return failed;
        }
    }
}
