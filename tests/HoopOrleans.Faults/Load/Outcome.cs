using System.Diagnostics;

namespace HoopOrleans.Faults.Load;

/// <summary>What a client asked for once, and the first answer it got (or that it got none).</summary>
public sealed record Outcome
{
    /// <summary>The text the script prints, unique in the suite.</summary>
    public required string Token { get; init; }

    /// <summary>The Idempotency-Key sent, if any: with it the client can find its session again.</summary>
    public string? Key { get; init; }

    /// <summary>The request body, to send again with the key.</summary>
    public required string Body { get; init; }

    /// <summary>The output a run of the script prints.</summary>
    public required string ExpectedOutput { get; init; }

    /// <summary>The front end asked (0-based).</summary>
    public int Front { get; init; }

    /// <summary>The HTTP status, or null when no answer came (connection cut, timeout).</summary>
    public int? Status { get; init; }

    public string? Id { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The output told, kept only when it is small (the soak's padded outputs are checked and dropped).</summary>
    public string? Output { get; init; }

    public bool OutputMatched { get; init; }

    public string? OutputStatus { get; init; }

    /// <summary>Why there was no answer.</summary>
    public string? Error { get; init; }

    /// <summary>Stopwatch timestamps of the request and of its answer.</summary>
    public long StartedAt { get; init; }

    public long EndedAt { get; init; }

    /// <summary>Whether the client was told a finished result (200): that must never change.</summary>
    public bool ToldResult => Status == 200;

    /// <summary>How long the answer took, counted from <paramref name="from"/> when the request was sent before it.</summary>
    public TimeSpan AnsweredAfter(long from) => Stopwatch.GetElapsedTime(Math.Max(StartedAt, from), EndedAt);
}
