using Microsoft.Extensions.Logging;

namespace HoopOrleans.Sessions;

/// <summary>
/// The audit trail: one structured event, in the <c>HoopOrleans.Audit</c> category, for every
/// transition of every session, naming the session, the key that acted, the connection and the
/// outcome. Scripts, output and connection environments never appear in it.
/// </summary>
public sealed partial class SessionAudit(ILoggerFactory loggers)
{
    public const string Category = "HoopOrleans.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Created(SessionRecord session) =>
        LogCreated(_logger, session.Id, session.Request.User, session.Request.Connection, session.Status.WireName());

    public void Reviewed(SessionRecord session, string reviewer) =>
        LogReviewed(_logger, session.Id, reviewer, session.Request.Connection, session.Review?.Status ?? "");

    public void Started(SessionRecord session, int? pid) =>
        LogStarted(_logger, session.Id, session.Request.User, session.Request.Connection, session.Silo, pid);

    /// <summary>A session's end; the reason is written only when there is one (a run that ended by itself has none).</summary>
    public void Finished(SessionRecord session)
    {
        if (session.FailureReason is { } reason)
        {
            LogFinishedFor(_logger, session.Id, session.Request.User, session.Request.Connection, session.OutputStatus, session.ExitCode, reason, session.ExecutionTimeMs);
        }
        else
        {
            LogFinished(_logger, session.Id, session.Request.User, session.Request.Connection, session.OutputStatus, session.ExitCode, session.ExecutionTimeMs);
        }
    }

    public void Killed(SessionRecord session, string by) =>
        LogKilled(_logger, session.Id, by, session.Request.Connection, session.Status.WireName());

    public void Lost(SessionRecord session) =>
        LogLost(_logger, session.Id, session.Request.User, session.Request.Connection, session.Silo);

    public void Deleted(SessionRecord session, string by) =>
        LogDeleted(_logger, session.Id, by, session.Request.Connection, session.Request.User);

    [LoggerMessage(101, LogLevel.Information, "audit session.created {SessionId} by {User} on {Connection}: {Outcome}")]
    private static partial void LogCreated(ILogger logger, string sessionId, string user, string connection, string outcome);

    [LoggerMessage(102, LogLevel.Information, "audit session.reviewed {SessionId} by {User} on {Connection}: {Outcome}")]
    private static partial void LogReviewed(ILogger logger, string sessionId, string user, string connection, string outcome);

    [LoggerMessage(103, LogLevel.Information, "audit session.started {SessionId} by {User} on {Connection} at {Silo} as process {Pid}")]
    private static partial void LogStarted(ILogger logger, string sessionId, string user, string connection, string? silo, int? pid);

    [LoggerMessage(104, LogLevel.Information, "audit session.finished {SessionId} by {User} on {Connection}: {Outcome}, exit code {ExitCode}, {ExecutionTimeMs} ms")]
    private static partial void LogFinished(ILogger logger, string sessionId, string user, string connection, string outcome, int? exitCode, long executionTimeMs);

    // The same event as LogFinished (one id, as log queries know it), for a session the service
    // ended (killed, timed out, lost, rejected, …): two templates, so no line prints an absent reason.
#pragma warning disable LOGGEN002
    [LoggerMessage(104, LogLevel.Information, "audit session.finished {SessionId} by {User} on {Connection}: {Outcome}, exit code {ExitCode}, reason {FailureReason}, {ExecutionTimeMs} ms")]
    private static partial void LogFinishedFor(ILogger logger, string sessionId, string user, string connection, string outcome, int? exitCode, string failureReason, long executionTimeMs);
#pragma warning restore LOGGEN002

    [LoggerMessage(105, LogLevel.Information, "audit session.killed {SessionId} by {User} on {Connection}: was {Outcome}")]
    private static partial void LogKilled(ILogger logger, string sessionId, string user, string connection, string outcome);

    [LoggerMessage(106, LogLevel.Warning, "audit session.lost {SessionId} by {User} on {Connection}: its silo {Silo} is gone")]
    private static partial void LogLost(ILogger logger, string sessionId, string user, string connection, string? silo);

    [LoggerMessage(107, LogLevel.Information, "audit session.deleted {SessionId} by {User} on {Connection}: requested by {Requester}")]
    private static partial void LogDeleted(ILogger logger, string sessionId, string user, string connection, string requester);
}
