using Microsoft.Extensions.Logging;

namespace HoopOrleans.Sessions;

/// <summary>
/// Operational events of session grains; the transitions themselves are in <see cref="SessionAudit"/>.
/// Scripts, output and connection environments are never logged.
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(5, LogLevel.Warning, "Session {SessionId} is being deactivated while it runs ({Reason}); its process is stopped")]
    public static partial void Deactivated(ILogger logger, string sessionId, string reason);

    [LoggerMessage(6, LogLevel.Error, "Session {SessionId} could not start its program")]
    public static partial void StartFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(4, LogLevel.Error, "Session {SessionId} could not store its state (attempt {Attempt})")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string sessionId, int attempt);

    [LoggerMessage(7, LogLevel.Warning, "Session {SessionId} could not release its place among {Caller}'s runs; the count finds it ended when it next checks")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string sessionId, string caller);
}
