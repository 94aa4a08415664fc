using System.Diagnostics;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B4: 2,000 runs of <c>sleep 60</c> POSTed at once, each on a connection of its own, as 2,000
/// separate clients would arrive (<see cref="BurstPost"/>: raw sockets, bytes prepared once; wrk
/// keeps its connections and cannot send a burst). The baseline is bare Kestrel answering the same
/// 202 body to the same burst; the memory is the service's RSS growth per session.
/// </summary>
public static class B4Burst
{
    private const int Burst = 2000;

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B4: 2,000 runs of `sleep 60` started at once");
        var service = bench.Service;
        var accepted = Path.Combine(bench.Work, "accepted.json");
        using (var sample202 = await bench.Client.PostAsJsonAsync("/api/sessions?wait=0", new { connection = "true", script = "" }))
        {
            await File.WriteAllBytesAsync(accepted, await sample202.Content.ReadAsByteArrayAsync());
        }

        const string Sleeper = """{"connection":"bash","script":"sleep 60"}""";
        List<double> burstBaseline;
        await using (var bare = await ServiceProcess.StartAsync(typeof(Bench).Assembly.Location, "/", "serve", $"--file={accepted}"))
        {
            var toBare = new BurstPost(bare.Port, "/", Sleeper);
            (_, burstBaseline) = await Load.RunAsync(Burst, Burst, _ => toBare.SendAsync());
        }

        var burst = new BurstPost(service.Port, "/api/sessions?wait=0", Sleeper);
        var rssBefore = service.MemoryBytes("VmRSS");
        var answered = 0;
        var burstStarted = bench.CpuSpent([]);
        var (burstRate, latency) = await Load.RunAsync(Burst, Burst, async _ =>
        {
            if (await burst.SendAsync() == StatusCodes.Status202Accepted)
            {
                Interlocked.Increment(ref answered);
            }
        });
        var burstSpent = bench.CpuSpent([]).ToDictionary(a => a.Key, a => a.Value - burstStarted[a.Key]);
        var perAnswered = (service.MemoryBytes("VmRSS") - rssBefore) / (double)Burst / 1024;

        // Runs start after the answers: how many had started at the last answer, and what the
        // sessions hold once every run has.
        var startedByLastAnswer = service.ChildrenRunning("bash");
        var untilRunning = Stopwatch.StartNew();
        while (service.ChildrenRunning("bash") < Burst && untilRunning.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        var perRunning = (service.MemoryBytes("VmRSS") - rssBefore) / (double)Burst / 1024;
        Console.WriteLine($"  runs started by the last answer: {startedByLastAnswer}; {service.ChildrenRunning("bash")} running {untilRunning.Elapsed.TotalSeconds:F1} s later");
        var p99 = Stats.Percentile(latency, 99);
        var bareP99 = Stats.Percentile(burstBaseline, 99);
        Console.WriteLine($"  answers: {answered} accepted; p50 {Stats.Percentile(latency, 50):F0} ms, p90 {Stats.Percentile(latency, 90):F0} ms, max {latency.Max():F0} ms; bare Kestrel p50 {Stats.Percentile(burstBaseline, 50):F0} ms");
        Console.WriteLine($"  CPU during the burst's {Burst / burstRate:F2} s: " + string.Join(", ", burstSpent.Select(a => $"{a.Key} {a.Value:F2} s")));
        bench.Add(new Row("B4", "2,000 `sleep 60` at once, p99 answer (baseline: bare Kestrel, same burst)", p99, bareP99, "ms", "all answered, ≤ 2 × baseline", answered == Burst && p99 <= 2 * bareP99));
        bench.Add(new Row("B4", "memory per session at the last answer (RSS growth)", perAnswered, null, "KiB", "≤ 12 KiB", perAnswered <= 12));
        bench.Add(new Row("B4", "memory per running session, all 2,000 running (RSS growth)", perRunning, null, "KiB", "≤ 12 KiB", perRunning <= 12));
    }
}
