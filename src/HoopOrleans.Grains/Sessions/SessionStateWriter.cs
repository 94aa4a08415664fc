using System.Runtime.ExceptionServices;
using HoopOrleans.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Polly;

namespace HoopOrleans.Sessions;

/// <summary>
/// A session's two states and how they reach storage. What the grain has decided is what its rules
/// check, so that concurrent calls see a start or a kill at once; what storage holds is all any
/// reader is shown, so no answer is taken back if the node dies before a write lands. Writes never
/// overlap (awaits interleave in the reentrant grain, and overlapping writes would clash on the
/// row version), and a final state is retried until it is stored.
/// </summary>
internal sealed class SessionStateWriter(IPersistentState<SessionGrainState> store, ResiliencePipeline finalWrites, ILogger logger)
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _deciding;

    /// <summary>What the grain has decided; the rules check this.</summary>
    public SessionRecord? Decided { get; private set; }

    /// <summary>What storage holds; readers see only this.</summary>
    public SessionRecord? Stored { get; private set; }

    /// <summary>Deleted by this activation: the id reads as never used, and a start under it is refused until the activation goes.</summary>
    public bool Deleted { get; private set; }

    /// <summary>Completes once the session's final state is stored.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Takes what the activation read from storage.</summary>
    public void Load()
    {
        Decided = Stored = store.State.Session;
        if (Stored is { IsDone: true })
        {
            _ended.TrySetResult();
        }
    }

    /// <summary>Decides <paramref name="next"/> at once and stores it; if storing fails, it was never decided.</summary>
    public async Task DecideAsync(SessionRecord next)
    {
        var previous = Decided;
        Decided = next;
        var write = WriteAsync(next);
        _deciding = write;
        try
        {
            await write;
        }
        catch
        {
            // A kill asked for meanwhile stays asked for: the next start of this session never runs.
            if (ReferenceEquals(Decided, next))
            {
                Decided = previous;
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
    public async Task DecisionStoredAsync()
    {
        if (_deciding is { } deciding)
        {
            await deciding.Settled();
        }
    }

    /// <summary>Stores a final state in one attempt: when it fails, the caller fails with it.</summary>
    public async Task SettleAsync(SessionRecord final)
    {
        Decided = final;
        await WriteAsync(final);
        MarkEnded(final);
    }

    /// <summary>
    /// Decides the final state and retries storing it (<see cref="FinalStateRetry"/>) until it is
    /// stored; readers keep seeing the session as it was stored before. Returns false only when
    /// <paramref name="cancel"/> (the activation going away) fired first.
    /// </summary>
    public async Task<bool> FinishAsync(SessionRecord final, CancellationToken cancel)
    {
        Decided = final;

        // Continuing on the captured context keeps every step on the grain's scheduler: Polly's
        // default resumes on the thread pool, outside the activation's single-threaded turn.
        var context = ResilienceContextPool.Shared.Get(FinalStateRetry.PipelineName, continueOnCapturedContext: true, cancel);
        var attempt = 0;
        try
        {
            await finalWrites.ExecuteAsync(async (_, _) =>
            {
                try
                {
                    await WriteAsync(final);
                }
                catch (Exception e)
                {
                    SessionLog.WriteFailed(logger, e, final.Id, ++attempt);
                    HoopMetrics.FinalWriteRetried();
                    if (e is not InconsistentStateException || !await StoredElsewhereAsync(final))
                    {
                        throw;
                    }

                    // An attempt whose answer was lost had stored it after all.
                }
            }, context, 0);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        MarkEnded(Stored ?? final);
        return true;
    }

    /// <summary>
    /// The final state is stored: counted once, before the calls waiting for the end resume, so
    /// that whoever reads the session's answer also reads the metric that counted it.
    /// </summary>
    private void MarkEnded(SessionRecord final)
    {
        if (!_ended.Task.IsCompleted)
        {
            HoopMetrics.SessionFinished(final.Request.Connection, final.OutputStatus);
            _ended.TrySetResult();
        }
    }

    /// <summary>Reads the session from storage again; false when it is no longer there (retention deleted it).</summary>
    public async Task<bool> RefreshAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await Unwrapped(store.ReadStateAsync());
            Decided = Stored = store.State.Session;
            return Stored is not null;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Deletes the stored session. Returns false when it was no longer stored: retention deleted
    /// it behind this activation's back, so the clear met a version that is gone, and the session
    /// now reads as never used, as the caller's delete would have made it.
    /// </summary>
    public async Task<bool> ClearAsync()
    {
        await _writing.WaitAsync();
        try
        {
            try
            {
                await Unwrapped(store.ClearStateAsync());
            }
            catch (InconsistentStateException)
            {
                await Unwrapped(store.ReadStateAsync());
                if (store.State.Session is not null)
                {
                    // Someone else wrote it since: not this clear's to decide.
                    Decided = Stored = store.State.Session;
                    throw;
                }

                Decided = Stored = null;
                return false;
            }

            Decided = Stored = null;
            Deleted = true;
            return true;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>After a version clash: reads the stored session, and adopts it when it is final.</summary>
    private async Task<bool> StoredElsewhereAsync(SessionRecord final)
    {
        try
        {
            if (await RefreshAsync() && Stored!.IsDone)
            {
                return true;
            }
        }
        catch
        {
            // The next attempt tells.
        }

        Decided = final;
        return false;
    }

    private async Task WriteAsync(SessionRecord next)
    {
        await _writing.WaitAsync();
        try
        {
            store.State.Session = next;
            await Unwrapped(store.WriteStateAsync());
            Stored = next;
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
