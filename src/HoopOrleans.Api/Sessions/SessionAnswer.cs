using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HoopOrleans.Api.Json;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// A session as <c>GET /api/sessions/{id}</c> shows it: this service's fields first, then the rest
/// of hoop.dev's <c>Session</c> (its <c>gateway/api/openapi/types.go</c>) with hoop's names and
/// types. List items leave <see cref="Output"/> out and carry an empty <see cref="Script"/>, as
/// hoop's listing does; <see cref="EventStream"/> is there only when asked for.
/// </summary>
internal sealed record SessionAnswer(
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
    SessionScript Script,
    bool HasReview,
    SessionReviewAnswer? Review,
    string User,
    string? Silo,
    string? FailureReason,
    long ScriptSize,
    long EventSize,
    string UserId,
    string UserName,
    string Type,
    string ConnectionSubtype,
    RawJsonObject ConnectionTags,
    string ResourceName,
    string RoleName,
    SessionMetrics Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EventStream? EventStream) : IOutputAnswer
{
    /// <summary>Every session runs its script the same way.</summary>
    public const string ExecVerb = "exec";

    /// <summary>The whole session, with its script unless <paramref name="view"/> leaves it out, and its output as an event stream when asked for.</summary>
    public static SessionAnswer Of(SessionRecord session, SessionView? view = null)
    {
        view ??= SessionView.Default;
        var output = new RunOutput(session.Output);
        return Of(
            session,
            output,
            view.WithScript ? session.Request.Script : "",
            System.Text.Encoding.UTF8.GetByteCount(session.Request.Script),
            session.Output.LongLength,
            view.EventStream is { } format ? new EventStream(output, format) : null);
    }

    /// <summary>A list item: no output, an empty script, their sizes.</summary>
    public static SessionAnswer Of(ListedSession listed) =>
        Of(listed.Session, output: null, script: "", listed.ScriptSize, listed.OutputSize, eventStream: null);

    private static SessionAnswer Of(SessionRecord session, RunOutput? output, string script, long scriptSize, long eventSize, EventStream? eventStream)
    {
        var request = session.Request;
        return new(
            session.Id,
            request.Connection,
            ExecVerb,
            session.Status.WireName(),
            session.OutputStatus,
            session.IsDone ? session.ExitCode : null,
            output,
            session.Truncated,
            session.ExecutionTimeMs,
            session.StartDate.UtcDateTime,
            session.EndDate?.UtcDateTime,
            request.ClientArgs,
            new RawJsonObject(request.MetadataJson),
            new RawJsonObject(request.LabelsJson),
            new SessionScript(script),
            session.HasReview,
            session.Review is { } review ? SessionReviewAnswer.Of(session, review) : null,
            request.User,
            session.Silo,
            session.FailureReason,
            scriptSize,
            eventSize,
            UserId: request.User,
            UserName: request.User,
            session.Profile.Type,
            session.Profile.Subtype,
            new RawJsonObject(session.Profile.TagsJson),
            ResourceName: request.Connection,
            RoleName: request.Connection,
            new SessionMetrics(eventSize),
            eventStream);
    }
}
