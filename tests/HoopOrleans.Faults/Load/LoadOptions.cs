namespace HoopOrleans.Faults.Load;

/// <summary>The shape of a load.</summary>
/// <param name="Clients">Concurrent clients, each looping one request at a time.</param>
/// <param name="KeyedFraction">Share of requests sent with an Idempotency-Key.</param>
/// <param name="SlowFraction">Share of scripts that sleep 0.3 s first, so faults find runs in progress.</param>
/// <param name="PaddingBytes">Spaces the script prints after its token, to fill a store faster.</param>
/// <param name="RanLog">A file every run appends its token to, to count how often each script ran.</param>
/// <param name="Limit">Stop after this many requests (null: run until stopped).</param>
/// <param name="KeepOutcomes">Keep every outcome (for the audit); otherwise only the ones that went wrong.</param>
public sealed record LoadOptions(
    int Clients,
    double KeyedFraction = 0.8,
    double SlowFraction = 0.25,
    int PaddingBytes = 0,
    string? RanLog = null,
    int? Limit = null,
    bool KeepOutcomes = true);
