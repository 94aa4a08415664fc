namespace HoopOrleans.Benchmarks.Baselines;

/// <summary>What one wrk run measured: answers, its own clock, failed answers and latency percentiles in milliseconds.</summary>
public sealed record WrkResult(long Requests, double Seconds, long Failed, IReadOnlyDictionary<int, double> LatencyMs)
{
    public double PerSecond => Requests / Seconds;

    /// <summary>Two runs at once (one per front end): their answers added up over the longer clock.</summary>
    public static WrkResult Sum(WrkResult a, WrkResult b) =>
        new(a.Requests + b.Requests, Math.Max(a.Seconds, b.Seconds), a.Failed + b.Failed, a.LatencyMs);
}
