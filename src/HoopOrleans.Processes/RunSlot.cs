namespace HoopOrleans.Processes;

/// <summary>
/// One of the node's places for a run (<see cref="RunnerLimits.MaxConcurrentRuns"/>), taken by
/// <see cref="ProcessRunner.TryReserve"/>. Its holder disposes it on whatever path the run ends; a
/// started run also gives it back itself the moment its program has exited. The place is given back
/// on the first dispose only, so no path needs to know what another did.
/// </summary>
public sealed class RunSlot : IDisposable
{
    private ProcessRunner? _runner;

    internal RunSlot(ProcessRunner runner) => _runner = runner;

    /// <summary>Gives the place back, once.</summary>
    public void Dispose() => Interlocked.Exchange(ref _runner, null)?.Release();
}
