using Microsoft.Extensions.Logging;

namespace HoopOrleans.Sessions;

/// <summary>Session events. Scripts, output and connection environments are never logged.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(1, LogLevel.Information, "Session {SessionId} started on connection {Connection} for {User} as process {Pid}")]
    public static partial void Started(ILogger logger, string sessionId, string connection, string user, int? pid);

    [LoggerMessage(2, LogLevel.Information, "Session {SessionId} on connection {Connection} finished with exit code {ExitCode} after {ExecutionTimeMs} ms (reason: {FailureReason})")]
    public static partial void Finished(ILogger logger, string sessionId, string connection, int exitCode, long executionTimeMs, string? failureReason);

    [LoggerMessage(3, LogLevel.Warning, "Session {SessionId} was running when its previous activation ended; it is settled as lost")]
    public static partial void Lost(ILogger logger, string sessionId);

    [LoggerMessage(5, LogLevel.Warning, "Session {SessionId} is being deactivated while it runs ({Reason}); its process is stopped")]
    public static partial void Deactivated(ILogger logger, string sessionId, string reason);

    [LoggerMessage(4, LogLevel.Error, "Session {SessionId} could not store its state (attempt {Attempt})")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string sessionId, int attempt);
}
