using System.Diagnostics;

namespace HoopOrleans.Benchmarks;

/// <summary>Runs an operation a fixed number of times from a fixed number of concurrent workers.</summary>
public static class Load
{
    /// <summary>Operations per second, and each operation's latency in milliseconds.</summary>
    public static async Task<(double PerSecond, List<double> LatenciesMs)> RunAsync(int total, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(index);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        return (total / elapsed, [.. latencies.SelectMany(l => l)]);
    }
}
