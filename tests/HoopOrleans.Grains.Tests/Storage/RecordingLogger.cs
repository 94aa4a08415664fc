using Microsoft.Extensions.Logging;

namespace HoopOrleans.Grains.Tests.Storage;

/// <summary>Keeps what one component logs, so a test can wait for an event instead of sleeping.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public sealed record Entry(LogLevel Level, string EventName, string Message, Exception? Exception);

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly List<(Func<Entry, bool> Match, TaskCompletionSource Arrived)> _waiters = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Completes with the first event named <paramref name="eventName"/>, logged before or after the call.</summary>
    public async Task<Entry> WaitForAsync(string eventName)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Match(Entry entry) => entry.EventName == eventName;
        lock (_gate)
        {
            if (!_entries.Any(Match))
            {
                _waiters.Add((Match, arrived));
            }
            else
            {
                arrived.SetResult();
            }
        }

        await arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return Entries.First(Match);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new Entry(logLevel, eventId.Name ?? "", formatter(state, exception), exception);
        List<TaskCompletionSource> arrived;
        lock (_gate)
        {
            _entries.Add(entry);
            arrived = [.. _waiters.Where(waiter => waiter.Match(entry)).Select(waiter => waiter.Arrived)];
            _waiters.RemoveAll(waiter => waiter.Match(entry));
        }

        arrived.ForEach(waiter => waiter.TrySetResult());
    }
}
