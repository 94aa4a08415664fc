namespace HoopOrleans.Api.Auth;

/// <summary>
/// How much of the service one caller may hold at once: under <c>Auth:Defaults</c> for every key
/// that sets none of its own, and under <c>Auth:Anonymous</c> for a keyless service's one caller.
/// </summary>
internal sealed class CallerBoundOptions
{
    /// <summary>Runs going at once across the whole cluster (running, or storing their result).</summary>
    public int MaxConcurrentRuns { get; set; }

    /// <summary>Output streams (<c>/stream</c>, <c>/result/stream</c>) open at once on one front end.</summary>
    public int MaxStreams { get; set; }
}
