using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// The audit events of every silo of the test cluster, so a test can wait for a grain to have
/// reached a step (a kill received) instead of sleeping. Tests look for their own session ids.
/// </summary>
public sealed class AuditEvents : ILoggerProvider
{
    private static readonly List<string> Seen = [];
    private static readonly List<(string Text, TaskCompletionSource<string> Found)> Waiting = [];

    /// <summary>Waits for an audit event containing <paramref name="text"/>, one already logged included.</summary>
    public static Task<string> WaitForAsync(string text)
    {
        lock (Seen)
        {
            if (Seen.FirstOrDefault(message => message.Contains(text, StringComparison.Ordinal)) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Waiting.Add((text, found));
            return found.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Whether an audit event containing <paramref name="text"/> was logged.</summary>
    public static bool Any(string text)
    {
        lock (Seen)
        {
            return Seen.Any(message => message.Contains(text, StringComparison.Ordinal));
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName == SessionAudit.Category ? new Recorder() : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Recorder : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            lock (Seen)
            {
                Seen.Add(message);
                foreach (var waiter in Waiting.Where(w => message.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    Waiting.Remove(waiter);
                    waiter.Found.TrySetResult(message);
                }
            }
        }
    }
}
