using Microsoft.Extensions.Logging;

namespace HoopOrleans.Sessions;

/// <summary>
/// Counts one caller's runs across the cluster. A session grain reserves a place here before it
/// stores its start and releases it once its final state is stored (or its start failed), so the
/// count is the caller's runs on every silo, not on one front end or one node.
/// </summary>
/// <remarks>
/// The count is held in memory, not stored: what it counts, runs, live in their session grains,
/// which are the truth. A release can be missed (the session's silo crashed, or the call to
/// release failed), and this activation can be lost with its silo (it then comes back empty and
/// under-counts until the runs it forgot end, which over-admits briefly rather than refusing
/// forever). So the count is re-derived from the sessions whenever it would refuse: each counted
/// session is asked whether it still holds a run (<see cref="ISessionGrain.HoldsRun"/>). A
/// session of a dead silo is activated afresh by that question, settles itself as lost, and
/// answers no; one that does not answer within <see cref="CheckWait"/> (its silo not yet declared
/// dead) is kept, so a caller is never let past its bound on a guess. Nothing is checked while
/// the caller is under its bound, so a run costs one call here to reserve and one to release.
/// Not reentrant: reservations are decided one at a time.
/// </remarks>
public sealed class CallerRunsGrain(IGrainFactory grains, ILogger<CallerRunsGrain> logger) : Grain, ICallerRunsGrain
{
    /// <summary>
    /// How long a counted session may take to answer the check: well inside the grain call timeout,
    /// since the reservation waiting on this check is itself a call of the session's grain.
    /// </summary>
    internal static readonly TimeSpan CheckWait = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public async Task<bool> TryReserve(string sessionId, int limit)
    {
        if (_running.Contains(sessionId))
        {
            return true;
        }

        if (_running.Count >= limit)
        {
            await ForgetEndedRunsAsync();
        }

        if (_running.Count >= limit)
        {
            return false;
        }

        _running.Add(sessionId);

        // Kept while it counts anything: a caller whose runs last an hour makes no call here for
        // longer than idle activations live, and a collected count would let it past its bound.
        DelayDeactivation(TimeSpan.MaxValue);
        return true;
    }

    public Task Release(string sessionId)
    {
        _running.Remove(sessionId);
        if (_running.Count == 0)
        {
            // Nothing to remember, so idle collection may take it; not at once, though: a caller
            // running one script after another would make a new activation for every run.
            DelayDeactivation(TimeSpan.FromTicks(-1));
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops the counted sessions that say they hold no run any more.</summary>
    private async Task ForgetEndedRunsAsync()
    {
        // The reserving call's context flows on to these calls: a new session's hint would make a
        // counted session's fresh activation skip reading its stored state and answer "never used".
        NewSessionHint.Clear();
        CallerRunBound.Clear();
        var counted = _running.ToArray();
        var answers = await Task.WhenAll(counted.Select(StillHoldsAsync));
        for (var i = 0; i < counted.Length; i++)
        {
            if (!answers[i])
            {
                CallerRunsLog.Forgotten(logger, this.GetPrimaryKeyString(), counted[i]);
                _running.Remove(counted[i]);
            }
        }
    }

    private async Task<bool> StillHoldsAsync(string sessionId)
    {
        try
        {
            return await grains.GetGrain<ISessionGrain>(sessionId).HoldsRun().WaitAsync(CheckWait);
        }
        catch (Exception e)
        {
            // Unknown is not ended: the place stays taken until the session can say.
            CallerRunsLog.CheckFailed(logger, e, this.GetPrimaryKeyString(), sessionId);
            return true;
        }
    }
}
