using Microsoft.Extensions.Logging;

namespace HoopOrleans.Sessions;

internal static partial class CallerRunsLog
{
    [LoggerMessage(1, LogLevel.Information, "Caller {Caller}: session {SessionId} no longer runs and its release never came; its place is free")]
    public static partial void Forgotten(ILogger logger, string caller, string sessionId);

    [LoggerMessage(2, LogLevel.Warning, "Caller {Caller}: could not ask session {SessionId} whether it still runs; it keeps its place")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string caller, string sessionId);
}
