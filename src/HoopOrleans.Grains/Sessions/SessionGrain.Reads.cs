namespace HoopOrleans.Sessions;

// What readers see: only what storage holds. A result being stored is not shown before it is in
// storage, so an answer never gets taken back when the node dies before the write lands.
public sealed partial class SessionGrain
{
    /// <summary>
    /// How long an activation of a finished session outlives its last read: a session read again
    /// and again (a client polling a result, a dashboard) is not activated for every read, while
    /// the memory it holds (its output among it) is bounded by what is read within this time.
    /// </summary>
    private static readonly TimeSpan FinishedIdle = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How stale a finished session's copy in a live activation may be. Reading storage for every
    /// read cost a quarter of the rate of repeated reads (benchmark B3); a retention sweep's
    /// deletion showing up to a second later is the sweep running a second later.
    /// </summary>
    private static readonly TimeSpan StoredReadInterval = TimeSpan.FromSeconds(1);

    private long _lastRead;
    private long _lastStoredRead;
    private IGrainTimer? _idleCheck;

    public async Task<OutputChunk?> ReadOutput(SessionActor viewer, long offset, int maxBytes, TimeSpan wait)
    {
        if (await StoredAsync(viewer) is not { } stored)
        {
            return null;
        }

        if (!stored.IsDone && wait > TimeSpan.Zero)
        {
            await _run.WaitForOutputAsync(offset, Bounded(wait), _state.Ended);
        }

        var session = _state.Stored!;
        if (session.IsDone)
        {
            var output = session.Output;
            var start = (int)Math.Min(offset, output.Length);
            var bytes = output.AsSpan(start, Math.Min(maxBytes, output.Length - start)).ToArray();
            return new OutputChunk(offset, bytes, start + bytes.Length >= output.Length ? session : null);
        }

        return new OutputChunk(offset, _run.Read(offset, maxBytes), null);
    }

    /// <summary>The session as stored, after waiting up to <paramref name="wait"/> for its run to end; null when <paramref name="viewer"/> may not see it.</summary>
    private async Task<SessionRecord?> WaitAsync(SessionActor? viewer, TimeSpan wait)
    {
        var stored = await StoredAsync(viewer);

        // Only a run ends by itself; a session waiting for its review would wait in vain.
        if (stored is { Status: SessionStatus.Running } && wait > TimeSpan.Zero)
        {
            await _state.Ended.UpTo(Bounded(wait));
            return _state.Stored;
        }

        return stored;
    }

    private static TimeSpan Bounded(TimeSpan wait) => wait < SessionLimits.MaxCallWait ? wait : SessionLimits.MaxCallWait;

    /// <summary>
    /// The session as stored once any decision being stored has landed; null when there is none
    /// (and then the activation is let go), or when <paramref name="viewer"/> may not see it
    /// (a viewer of null is the session's own requester, whose request it is).
    /// </summary>
    private async Task<SessionRecord?> StoredAsync(SessionActor? viewer)
    {
        await _state.DecisionStoredAsync();
        if (_state.Stored is { IsDone: true } && _finishing is null && !await StillStoredAsync())
        {
            return null;
        }

        if (_state.Stored is not { } stored)
        {
            // Nothing to keep in memory for an id that was never used.
            DeactivateOnIdle();
            return null;
        }

        return viewer is null || SessionTransitions.MaySee(stored, viewer) ? stored : null;
    }

    /// <summary>
    /// For a session that ended before this activation: reads it from storage again once
    /// <see cref="StoredReadInterval"/> has passed since it was last read from there, since
    /// retention deletes straight from storage, so a deleted or expired session reads 404 from
    /// then on; and keeps the activation until <see cref="FinishedIdle"/> passes without a read.
    /// (A session that ends in this activation deactivates once stored.)
    /// </summary>
    private async Task<bool> StillStoredAsync()
    {
        var now = time.GetTimestamp();
        if (_lastStoredRead == 0)
        {
            // The activation has just read it.
            _lastStoredRead = now;
        }
        else if (time.GetElapsedTime(_lastStoredRead, now) >= StoredReadInterval)
        {
            _lastStoredRead = now;
            if (!await _state.RefreshAsync())
            {
                return false;
            }
        }

        _lastRead = now;
        _idleCheck ??= this.RegisterGrainTimer(DeactivateWhenIdle, new GrainTimerCreationOptions(FinishedIdle, FinishedIdle) { Interleave = true });
        return true;
    }

    private Task DeactivateWhenIdle(CancellationToken cancellation)
    {
        if (time.GetElapsedTime(_lastRead) >= FinishedIdle)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }
}
