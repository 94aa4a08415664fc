using HoopOrleans.Processes;

namespace HoopOrleans.Draining;

/// <summary>
/// Whether this silo is draining: asked to stop, it takes no new runs and lets the ones it has
/// finish. Session grains check it before they start a program; placement reads the cluster's view.
/// </summary>
public sealed class SiloDrainState(ProcessRunner runner)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    private volatile bool _draining;

    public bool IsDraining => _draining;

    /// <summary>From now on this silo starts no new run.</summary>
    public void Begin() => _draining = true;

    /// <summary>
    /// Waits until no run holds a place on this silo, or <paramref name="cancellationToken"/> ends
    /// the wait. Returns how many runs were still going.
    /// </summary>
    public async Task<int> WaitForRunsAsync(CancellationToken cancellationToken)
    {
        // A run gives its place back when its process exits: a short poll of one counter costs
        // nothing next to the minutes a drain may last.
        using var timer = new PeriodicTimer(CheckEvery);
        try
        {
            while (runner.Running > 0 && await timer.WaitForNextTickAsync(cancellationToken))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over: the drain timed out, or a second signal asked to stop at once.
        }

        return runner.Running;
    }
}
