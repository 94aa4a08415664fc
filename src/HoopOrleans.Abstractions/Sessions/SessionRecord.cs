namespace HoopOrleans.Sessions;

/// <summary>A session as stored and as answered: the request, and what became of it.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionRecord
{
    /// <summary>The session id: a lowercase UUID.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>What was asked.</summary>
    [Id(1)] public required SessionRequest Request { get; init; }

    /// <summary>Where the session is in its life.</summary>
    [Id(2)] public required SessionStatus Status { get; init; }

    /// <summary>The exit code once done; see <see cref="ExitCodes"/> for the service's own codes.</summary>
    [Id(3)] public int? ExitCode { get; init; }

    /// <summary>Stdout and stderr interleaved in arrival order, at most the configured cap, as raw bytes.</summary>
    [Id(4)] public byte[] Output { get; init; } = [];

    /// <summary>The process wrote more than the cap and the rest was dropped.</summary>
    [Id(5)] public bool Truncated { get; init; }

    /// <summary>Milliseconds from process start to process exit.</summary>
    [Id(6)] public long ExecutionTimeMs { get; init; }

    /// <summary>When the session was created.</summary>
    [Id(7)] public required DateTimeOffset StartDate { get; init; }

    /// <summary>When the session was done; null before.</summary>
    [Id(8)] public DateTimeOffset? EndDate { get; init; }

    /// <summary>The node that ran it.</summary>
    [Id(9)] public string? Silo { get; init; }

    /// <summary>Why the service ended the run (killed, timed out, lost); null when the process ended by itself.</summary>
    [Id(10)] public string? FailureReason { get; init; }

    /// <summary>The connection needs a review before the run.</summary>
    [Id(11)] public bool HasReview { get; init; }

    /// <summary>The review, on a connection that needs one.</summary>
    [Id(12)] public SessionReview? Review { get; init; }

    /// <summary>The connection's type, subtype and tags when the session started.</summary>
    [Id(13)] public ConnectionProfile Profile { get; init; } = ConnectionProfile.Custom;

    /// <summary>Whether the session has finished.</summary>
    public bool IsDone => Status == SessionStatus.Done;

    /// <summary><c>success</c>, <c>failed</c> or <c>running</c>, as the API reports it.</summary>
    public string OutputStatus => Status != SessionStatus.Done ? "running" : ExitCode == 0 ? "success" : "failed";
}
