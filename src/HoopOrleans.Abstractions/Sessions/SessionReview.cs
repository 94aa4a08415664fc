namespace HoopOrleans.Sessions;

/// <summary>The review of a session on a connection that needs one.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionReview
{
    public const string Pending = "PENDING";
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";

    /// <summary><see cref="Pending"/>, <see cref="Approved"/> or <see cref="Rejected"/>.</summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>Who decided; null while pending.</summary>
    [Id(1)] public string? ReviewedBy { get; init; }

    /// <summary>When it was decided; null while pending.</summary>
    [Id(2)] public DateTimeOffset? ReviewDate { get; init; }

    /// <summary>Why it was rejected.</summary>
    [Id(3)] public string? RejectionReason { get; init; }
}
