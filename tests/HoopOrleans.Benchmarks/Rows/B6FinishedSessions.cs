using System.Diagnostics;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B6: the service's RSS growth per finished session kept by the embedded store. Every session is a
/// process start, and this machine starts a few hundred a second: 100,000 would take most of ten
/// minutes, so the cost per session is measured over 20,000. The growth of the second 10,000 is
/// printed beside it: what the heap's first growth steps (committed once, whatever the count) add
/// to the first half is not a cost per session.
/// </summary>
public static class B6FinishedSessions
{
    private const int Kept = 20_000;

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step($"B6: {Kept:N0} finished sessions kept in memory");

        // B4's 2,000 sleepers end a minute after it: their deactivations and final writes, landing
        // in the middle of this row, grew the heap once and read as 2 to 5 KiB per session here.
        var waited = Stopwatch.StartNew();
        while (bench.Service.ChildrenRunning("sleep") + bench.Service.ChildrenRunning("bash") > 0 && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(500);
        }

        if (waited.Elapsed > TimeSpan.FromSeconds(1))
        {
            // Their results stored and their activations gone, too.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Console.WriteLine($"  waited {waited.Elapsed.TotalSeconds:F0} s for earlier rows' runs to end");
        }

        var rssBefore = bench.Service.MemoryBytes("VmRSS");
        var nothing = new RunRequest("true", "");
        await Load.RunAsync(Kept / 2, 16, _ => nothing.PostAsync(bench.Client));
        var rssHalf = bench.Service.MemoryBytes("VmRSS");
        await Load.RunAsync(Kept / 2, 16, _ => nothing.PostAsync(bench.Client));
        var rssAfter = bench.Service.MemoryBytes("VmRSS");
        var perSession = (rssAfter - rssBefore) / (double)Kept / 1024;
        Console.WriteLine($"  RSS {rssBefore / 1048576.0:F1} MiB, {rssHalf / 1048576.0:F1} MiB after {Kept / 2:N0}, {rssAfter / 1048576.0:F1} MiB after {Kept:N0}: the first half {(rssHalf - rssBefore) / (Kept / 2.0) / 1024:F2} KiB per session, the second {(rssAfter - rssHalf) / (Kept / 2.0) / 1024:F2} KiB");
        bench.Add(new Row("B6", "memory per finished session (RSS growth)", perSession, null, "KiB", "≤ 1.5 KiB", perSession <= 1.5));
    }
}
