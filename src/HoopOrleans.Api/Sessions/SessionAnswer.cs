using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session as <c>GET /api/sessions/{id}</c> shows it. List items leave <see cref="Output"/> and
/// <see cref="Script"/> out, as hoop.dev's listing does.
/// </summary>
public sealed record SessionAnswer(
    string Id,
    string Connection,
    string Verb,
    string Status,
    string OutputStatus,
    int? ExitCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RunOutput? Output,
    bool Truncated,
    long ExecutionTime,
    DateTime StartDate,
    DateTime? EndDate,
    ImmutableArray<string> ClientArgs,
    RawJsonObject Metadata,
    RawJsonObject Labels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Script,
    bool HasReview,
    SessionReviewAnswer? Review,
    string User,
    string? Silo,
    string? FailureReason) : IOutputAnswer
{
    /// <summary>Every session runs its script the same way.</summary>
    public const string ExecVerb = "exec";

    /// <summary>The whole session, or a list item (<paramref name="listItem"/>) without its script and output.</summary>
    public static SessionAnswer Of(SessionRecord session, bool listItem = false)
    {
        var request = session.Request;
        return new(
            session.Id,
            request.Connection,
            ExecVerb,
            session.Status.ApiName(),
            session.OutputStatus,
            session.IsDone ? session.ExitCode : null,
            listItem ? null : new RunOutput(session.Output),
            session.Truncated,
            session.ExecutionTimeMs,
            session.StartDate.UtcDateTime,
            session.EndDate?.UtcDateTime,
            request.ClientArgs,
            new RawJsonObject(request.MetadataJson),
            new RawJsonObject(request.LabelsJson),
            listItem ? null : request.Script,
            session.HasReview,
            session.Review is { } review ? SessionReviewAnswer.Of(review) : null,
            request.User,
            session.Silo,
            session.FailureReason);
    }
}

/// <summary>The review of a session on a connection that needs one, as sessions show it.</summary>
public sealed record SessionReviewAnswer(string Status, string? ReviewedBy, DateTime? ReviewDate, string? RejectionReason)
{
    public static SessionReviewAnswer Of(SessionReview review) =>
        new(review.Status, review.ReviewedBy, review.ReviewDate?.UtcDateTime, review.RejectionReason);
}
