using HoopOrleans.Benchmarks.Baselines;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B7: B1's runs on the two-silo PostgreSQL cluster of <c>deploy/local/cluster.sh</c> against the
/// embedded service, kept up beside it and measured again in alternating rounds. Strict: wrk, 16
/// connections (8 to each front end on the cluster); secondary: the .NET client.
/// </summary>
public static class B7Cluster
{
    private const int InFlight = 16;

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B7: B1 on the two-silo PostgreSQL cluster");
        var environment = new Dictionary<string, string>
        {
            ["HOOP_CLUSTER_DIR"] = Path.Combine(bench.Work, "cluster"),
            ["HOOP_CLUSTER_ID"] = "bench",
            ["HOOP_PG_PORT"] = FreePorts.Next().ToString(),
            ["HOOP_NODE_ARGS"] = "--Logging:LogLevel:Default=Warning --Logging:LogLevel:HoopOrleans.Audit=Warning",
        };
        try
        {
            await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["up"], environment);
            Uri[] fronts = [new("http://127.0.0.1:5101"), new("http://127.0.0.1:5102")];
            using var front1 = new HttpClient { BaseAddress = fronts[0] };
            using var front2 = new HttpClient { BaseAddress = fronts[1] };
            Task ClusterPostAsync(int i) => bench.EchoRequest.PostAsync(i % 2 == 0 ? front1 : front2);

            var wrk = new Wrk(bench.Work, "b7", "POST", ["/api/sessions"], bench.EchoBody, "\"output_status\":\"success\"");
            async Task<(long, double)> EmbeddedRoundAsync(TimeSpan duration)
            {
                var round = await wrk.RunAsync(bench.ServiceUri, InFlight, duration);
                return (round.Requests, round.Seconds);
            }

            async Task<(long, double)> ClusterRoundAsync(TimeSpan duration)
            {
                var both = await Task.WhenAll(fronts.Select(front => wrk.RunAsync(front, InFlight / 2, duration, threads: 1)));
                var sum = WrkResult.Sum(both[0], both[1]);
                return (sum.Requests, sum.Seconds);
            }

            await WarmUp.RunAsync("the cluster", ClusterPostAsync);
            await ClusterRoundAsync(TimeSpan.FromSeconds(5));
            await EmbeddedRoundAsync(TimeSpan.FromSeconds(5));
            var second = TimeSpan.FromSeconds(1);
            var sides = await Alternation.RunAsync(
                [
                    () => EmbeddedRoundAsync(second),
                    () => ClusterRoundAsync(second),
                    Alternation.Counted(_ => bench.EchoRequest.PostAsync(bench.Client)),
                    Alternation.Counted(ClusterPostAsync),
                ],
                () => bench.CpuSpent(ProcessCpu.ByRole(otherThan: bench.Service.Pid)));
            var (embedded, cluster, embeddedClient, clusterClient) = (sides[0], sides[1], sides[2], sides[3]);
            Console.WriteLine($"  machine CPU per run under wrk: {cluster.Describe("on the cluster")}; {embedded.Describe("embedded")}");
            Console.WriteLine($"  secondary, the .NET client: {clusterClient.Describe("on the cluster")}; {embeddedClient.Describe("embedded")}");
            bench.Add(new Row("B7", "B1 on 2 silos + 2 front ends, PostgreSQL (wrk; baseline the embedded service)", cluster.PerSecond, embedded.PerSecond, "runs/s", "≥ 0.85 × B1", cluster.PerSecond >= 0.85 * embedded.PerSecond)
            {
                Secondary = (clusterClient.PerSecond, embeddedClient.PerSecond),
            });
        }
        finally
        {
            await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["down", "--purge"], environment);
        }
    }
}
