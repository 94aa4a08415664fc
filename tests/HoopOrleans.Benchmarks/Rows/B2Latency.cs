using System.Diagnostics;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B2: what a POST adds to a run's latency, one at a time. Strict: against the C spawner's start;
/// secondary: against .NET's Process. The three alternate run by run: a burst of noise hits all or none.
/// </summary>
public static class B2Latency
{
    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B2: added latency, one client");
        await bench.Spawner.RunAsync(100, 1);
        var spawned = new List<double>();
        var direct = new List<double>();
        var served = new List<double>();
        for (var i = 0; i < 600; i++)
        {
            spawned.Add(await bench.Spawner.RunAsync(1, 1) * 1000);
            var started = Stopwatch.GetTimestamp();
            await DirectStart.RunAsync(Bench.Echo);
            direct.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await bench.EchoRequest.PostAsync(bench.Client);
            served.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        static string Describe(List<double> ms) => $"p50 {Stats.Percentile(ms, 50):F2} ms, p99 {Stats.Percentile(ms, 99):F2} ms";
        Console.WriteLine($"  C posix_spawn {Describe(spawned)}; .NET Process {Describe(direct)}; POST {Describe(served)}");
        foreach (var (percentile, bar) in new[] { (50, 1.5), (99, 5.0) })
        {
            var added = Stats.Percentile(served, percentile) - Stats.Percentile(spawned, percentile);
            var addedToProcess = Stats.Percentile(served, percentile) - Stats.Percentile(direct, percentile);
            bench.Add(new Row("B2", $"added latency p{percentile} (POST − C posix_spawn; secondary, POST − .NET Process: {addedToProcess:F2} ms)", added, null, "ms", $"≤ {bar} ms", added <= bar));
        }
    }
}
