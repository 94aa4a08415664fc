using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes;

/// <summary>Starts runs on this node and keeps their number within <see cref="SessionRunOptions.MaxConcurrentRuns"/>.</summary>
public sealed class ProcessRunner(ExitWatcher watcher, OrphanGuard guard, IOptions<SessionRunOptions> options)
{
    private readonly int _maxRuns = options.Value.MaxConcurrentRuns;
    private readonly int _maxOutputBytes = options.Value.MaxOutputBytes;
    private int _reserved;

    /// <summary>How many runs hold a place now.</summary>
    public int Running => Volatile.Read(ref _reserved);

    /// <summary>Takes one place for a run, or returns false when every place is taken.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= _maxRuns)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/> that will not be used.</summary>
    public void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>Starts a run in a place taken by <see cref="TryReserve"/>; the place is given back when the run ends.</summary>
    public ProcessRun Start(RunSpec spec) => new(watcher, spec, guard.Marker, _maxOutputBytes, Release);
}
