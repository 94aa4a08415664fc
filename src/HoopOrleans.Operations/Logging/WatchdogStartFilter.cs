using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// The logger of Orleans' silo watchdog, less one impossible warning. Orleans 10.4.2's
/// <c>Watchdog.Start</c> starts its platform thread before it stamps the component check's start,
/// so the thread's first pass reads the time since timestamp zero (the machine's uptime) and warns
/// at every silo start that the "participant check thread has not completed for" hours. A stall
/// longer than this process has lived cannot be one of its own: that event is dropped, every other
/// (a real stall, a failed health check) is written as Orleans wrote it.
/// </summary>
internal sealed class WatchdogStartFilter<TCategory>(ILoggerFactory loggers) : ILogger<TCategory>
{
    /// <summary>Orleans' <c>ErrorCode.SiloHeartbeatTimerStalled</c>, the id of both stall warnings.</summary>
    private const int StalledEventId = 100150;

    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private readonly ILogger _inner = loggers.CreateLogger(typeof(TCategory).FullName!);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == StalledEventId && LongerThanThisProcess(state))
        {
            return;
        }

        _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    private static bool LongerThanThisProcess<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> fields
        && fields.Any(field => field.Value is TimeSpan stalled && stalled > DateTime.UtcNow - ProcessStarted);
}
