namespace HoopOrleans.Sessions;

// What readers see: only what storage holds. A result being stored is not shown before it is in
// storage, so an answer never gets taken back when the node dies before the write lands.
public sealed partial class SessionGrain
{
    public async Task<OutputChunk?> ReadOutput(long offset, int maxBytes, TimeSpan wait)
    {
        await DecisionStored();
        if (_stored is null)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!_stored.IsDone && wait > TimeSpan.Zero)
        {
            var bounded = wait < SessionLimits.MaxCallWait ? wait : SessionLimits.MaxCallWait;
            if (_run is null)
            {
                await ((Task)Task.WhenAny(_launched.Task, _done.Task)).WaitAsync(bounded)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            if (_run is { } run && run.Output.Length <= offset)
            {
                await ((Task)Task.WhenAny(run.Output.WaitForMoreThanAsync(offset), _done.Task)).WaitAsync(bounded)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }

        var session = _stored;
        if (session.IsDone)
        {
            var output = session.Output;
            var start = (int)Math.Min(offset, output.Length);
            var bytes = output.AsSpan(start, Math.Min(maxBytes, output.Length - start)).ToArray();
            return new OutputChunk(offset, bytes, start + bytes.Length >= output.Length ? session : null);
        }

        return new OutputChunk(offset, _run?.Output.Read(offset, maxBytes) ?? [], null);
    }

    private async Task<SessionRecord?> WaitAsync(TimeSpan wait)
    {
        await DecisionStored();
        if (_stored is null)
        {
            // Nothing to keep in memory for an id that was never used.
            DeactivateOnIdle();
            return null;
        }

        // Only a run ends by itself; a session waiting for its review would wait in vain.
        if (_stored is { Status: SessionStatus.Running } && wait > TimeSpan.Zero)
        {
            var bounded = wait < SessionLimits.MaxCallWait ? wait : SessionLimits.MaxCallWait;
            await _done.Task.WaitAsync(bounded).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (_stored.IsDone && _done.Task.IsCompleted && _finishing is null or { IsCompleted: true })
        {
            // A finished session is read far less often than it is kept: storage answers the next
            // read, and a deleted or expired session is then gone for every reader at once.
            DeactivateOnIdle();
        }

        return _stored;
    }
}
