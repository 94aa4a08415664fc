using System.Collections;
using System.Diagnostics;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>
/// The in-memory exporter's list, safe to read while spans arrive, with a wait for the spans a test
/// expects. Tracer providers listen to the whole process, so it also holds other tests' spans: a
/// test reads its own trace by its id.
/// </summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly List<(Func<IReadOnlyList<Activity>, bool> Done, TaskCompletionSource Arrived)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>A copy of the spans exported so far.</summary>
    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>Completes once the spans exported satisfy <paramref name="done"/> (at once if they already do).</summary>
    public Task WaitForAsync(Func<IReadOnlyList<Activity>, bool> done)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_spans)
        {
            if (done(_spans))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((done, arrived));
        }

        return arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
            _waiters.RemoveAll(waiter => waiter.Done(_spans) && waiter.Arrived.TrySetResult());
        }
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
