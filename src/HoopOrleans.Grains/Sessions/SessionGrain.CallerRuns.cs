namespace HoopOrleans.Sessions;

// The requester's place among its runs across the cluster (ICallerRunsGrain): reserved before a
// run's start is stored, released once its final state is, and on every path where it never starts.
public sealed partial class SessionGrain
{
    // True from before the reservation is asked for until it is released: a check by the caller's
    // counter that arrives while the reservation is on its way back must not find the run ended.
    private bool _holdsCallerRun;

    // The start of a run or exec that is waiting for its reservation, and so has decided nothing
    // yet: a concurrent run or exec of this session waits for it instead of starting a second one.
    private Task? _starting;

    public Task<bool> HoldsRun()
    {
        if (!_holdsCallerRun && _state.Decided is null)
        {
            DeactivateOnIdle();
        }

        // A final state already stored holds no run, release sent or not: whoever has read the
        // session as done may start the next run at once.
        return Task.FromResult(_holdsCallerRun && _state.Stored is not { IsDone: true });
    }

    /// <summary>Waits for a start that is still asking for its reservation, however it ends.</summary>
    private async Task StartsSettledAsync()
    {
        if (_starting is { IsCompleted: false } starting)
        {
            await starting.Settled();
        }
    }

    /// <summary>
    /// Reserves a place among <paramref name="caller"/>'s runs when the call carries a bound
    /// (<see cref="CallerRunBound"/>); refused, nothing was decided and the caller hears why.
    /// </summary>
    private async Task ReserveCallerRunAsync(string caller)
    {
        if (CallerRunBound.Current is not { } bound)
        {
            return;
        }

        var (limit, setting) = bound;

        _holdsCallerRun = true;
        bool granted;
        try
        {
            granted = await GrainFactory.GetGrain<ICallerRunsGrain>(caller).TryReserve(this.GetPrimaryKeyString(), limit);
        }
        catch
        {
            // The counter may have counted it: it asks this session again when it matters, and hears no.
            _holdsCallerRun = false;
            throw;
        }

        if (!granted)
        {
            _holdsCallerRun = false;
            if (_state.Decided is null)
            {
                DeactivateOnIdle();
            }

            throw CallerBoundExceededException.Runs(caller, limit, setting);
        }
    }

    /// <summary>Gives the place back; a release that fails is left to the counter's own check.</summary>
    private async Task ReleaseCallerRunAsync(string caller)
    {
        if (!_holdsCallerRun)
        {
            return;
        }

        _holdsCallerRun = false;
        try
        {
            await GrainFactory.GetGrain<ICallerRunsGrain>(caller).Release(this.GetPrimaryKeyString());
        }
        catch (Exception e)
        {
            SessionLog.ReleaseFailed(logger, e, this.GetPrimaryKeyString(), caller);
        }
    }
}
