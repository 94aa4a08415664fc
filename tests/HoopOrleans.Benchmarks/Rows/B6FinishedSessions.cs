namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B6: the service's RSS growth per finished session kept by the embedded store. Every session is a
/// process start, and this machine starts a few hundred a second: 100,000 would take most of ten
/// minutes, so the cost per session is measured over 20,000 (it grows linearly).
/// </summary>
public static class B6FinishedSessions
{
    private const int Kept = 20_000;

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step($"B6: {Kept:N0} finished sessions kept in memory");
        var rssBefore = bench.Service.MemoryBytes("VmRSS");
        var nothing = new RunRequest("true", "");
        await Load.RunAsync(Kept, 16, _ => nothing.PostAsync(bench.Client));
        var perSession = (bench.Service.MemoryBytes("VmRSS") - rssBefore) / (double)Kept / 1024;
        bench.Add(new Row("B6", "memory per finished session (RSS growth)", perSession, null, "KiB", "≤ 1.5 KiB", perSession <= 1.5));
    }
}
