using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Api.Tests;

/// <summary>Keeps every log event a host writes, with its structured fields, for the tests to read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields);

    private readonly ConcurrentDictionary<TaskCompletionSource, Func<Entry, bool>> _waiters = new();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    /// <summary>Completes when an event that <paramref name="match"/> accepts has been written (or already was).</summary>
    public Task WaitForAsync(Func<Entry, bool> match)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[arrived] = match;
        if (Entries.Any(match))
        {
            arrived.TrySetResult();
        }

        return arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private void Add(Entry entry)
    {
        Entries.Enqueue(entry);
        foreach (var (waiter, match) in _waiters)
        {
            if (match(entry) && waiter.TrySetResult())
            {
                _waiters.TryRemove(waiter, out _);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                : new Dictionary<string, object?>();
            capture.Add(new Entry(category, eventId, formatter(state, exception) + (exception is null ? "" : " " + exception), fields));
        }
    }
}
