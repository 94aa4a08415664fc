using System.Runtime.ExceptionServices;
using Orleans.Storage;

namespace HoopOrleans.Sessions;

// How the session's states reach storage. Two views of the session: what the grain has decided
// (which the rules check, so that concurrent calls see a start or a kill at once) and what
// storage holds (which is all any reader is shown). A decision is shown once it is stored.
public sealed partial class SessionGrain
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _deactivated = new();
    private SessionRecord? _decided;
    private SessionRecord? _stored;
    private Task? _deciding;
    private bool _deleted;

    /// <summary>
    /// Stores a session about to run (or to wait for review). For a run this happens before the
    /// process exists: a crash from here on settles the session as lost, never re-runs it. When
    /// the write fails nothing was decided: the caller is told, and the place is given back.
    /// </summary>
    private async Task StoreStartAsync(SessionRecord next)
    {
        try
        {
            await DecideAsync(next);
        }
        catch
        {
            if (next.Status == SessionStatus.Running)
            {
                runner.Release();
            }

            if (_decided is null)
            {
                DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>Decides <paramref name="next"/> at once and stores it; if storing fails, it was never decided.</summary>
    private async Task DecideAsync(SessionRecord next)
    {
        var previous = _decided;
        _decided = next;
        var write = WriteAsync(next);
        _deciding = write;
        try
        {
            await write;
        }
        catch
        {
            // A kill asked for meanwhile stays asked for: the next start of this session never runs.
            if (ReferenceEquals(_decided, next))
            {
                _decided = previous;
            }

            throw;
        }
        finally
        {
            if (ReferenceEquals(_deciding, write))
            {
                _deciding = null;
            }
        }
    }

    /// <summary>Waits for a decision being stored, so that the caller reads what it came to.</summary>
    private async Task DecisionStored()
    {
        if (_deciding is { } deciding)
        {
            await deciding.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>
    /// Decides the final state and retries storing it, backing off up to <see cref="LongestRetry"/>,
    /// until it is stored: the activation stays alive meanwhile, and readers keep seeing the
    /// session as it was stored before. Returns false only when the activation went away first.
    /// </summary>
    private async Task<bool> FinishAsync(SessionRecord session)
    {
        _decided = session;
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(session);
                break;
            }
            catch (Exception e) when (!_deactivated.IsCancellationRequested)
            {
                SessionLog.WriteFailed(logger, e, session.Id, attempt);
                if (e is InconsistentStateException && await StoredElsewhereAsync())
                {
                    // An attempt whose answer was lost had stored it after all.
                    break;
                }

                await Task.Delay(delay, time, _deactivated.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                delay = delay * 2 < LongestRetry ? delay * 2 : LongestRetry;
            }
            catch
            {
                return false;
            }
        }

        _done.TrySetResult();
        return true;
    }

    /// <summary>After a version clash: reads the stored session, and adopts it when it is final.</summary>
    private async Task<bool> StoredElsewhereAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await Unwrapped(store.ReadStateAsync());
            if (store.State.Session is { IsDone: true } stored)
            {
                _decided = _stored = stored;
                return true;
            }

            return false;
        }
        catch
        {
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Writes never overlap: awaits interleave, and overlapping writes would clash on the etag.</summary>
    private async Task WriteAsync(SessionRecord next)
    {
        await _writing.WaitAsync();
        try
        {
            store.State.Session = next;
            await Unwrapped(store.WriteStateAsync());
            _stored = next;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ClearAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await Unwrapped(store.ClearStateAsync());
            _decided = _stored = null;
            _deleted = true;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Orleans wraps what storage throws in an exception whose message holds the whole inner one,
    /// stack included: callers get the store's own exception instead, which says what happened
    /// (an outage, a version clash) and nothing more.
    /// </summary>
    private static async Task Unwrapped(Task storage)
    {
        try
        {
            await storage;
        }
        catch (OrleansException e) when (e.InnerException is SessionStoreUnavailableException or InconsistentStateException)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }
}
