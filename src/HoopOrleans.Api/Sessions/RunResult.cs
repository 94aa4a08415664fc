using System.Text.Json.Serialization;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The seven fields of the answer to <c>POST /api/sessions</c> and <c>…/exec</c>, hoop.dev's shape.
/// A stream's closing <c>result</c> event leaves <see cref="Output"/> out: the stream carried it.
/// </summary>
internal sealed record RunResult(
    string SessionId,
    int ExitCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RunOutput? Output,
    string OutputStatus,
    long ExecutionTime,
    bool HasReview,
    bool Truncated) : IOutputAnswer
{
    /// <summary>The run's result; a session not done yet shows none of its output and the exit code of a lost outcome.</summary>
    public static RunResult Of(SessionRecord session, bool withOutput = true)
    {
        var done = session.IsDone;
        return new(
            session.Id,
            done ? session.ExitCode ?? ExitCodes.Lost : ExitCodes.Lost,
            !withOutput ? null : done ? new RunOutput(session.Output) : RunOutput.Empty,
            session.OutputStatus,
            done ? session.ExecutionTimeMs : 0,
            session.HasReview,
            done && session.Truncated);
    }

    /// <summary>A run that is (or may be) going: no output yet, the exit code of a lost outcome.</summary>
    public static RunResult Running(string sessionId, bool hasReview) =>
        new(sessionId, ExitCodes.Lost, RunOutput.Empty, "running", 0, hasReview, Truncated: false);

    /// <summary>
    /// The hoop-compatible answer to a run on a connection that needs a review: accepted (exit code
    /// 0, <c>success</c>), with the session's URL as the output and nothing run.
    /// </summary>
    public static RunResult ReviewAccepted(SessionRecord session, string url) =>
        new(session.Id, 0, RunOutput.FromText(url), "success", 0, HasReview: true, Truncated: false);
}
