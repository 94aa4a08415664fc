using HoopOrleans.Connections;
using HoopOrleans.Processes;

namespace HoopOrleans.Sessions;

// The session's run from start to stored result: reserving a place, launching the process,
// stopping it, and writing its states. The calls clients make are in SessionGrain.cs.
public sealed partial class SessionGrain
{
    private async Task StartAsync(SessionRequest request)
    {
        var connection = ResolveConnection(request);
        var session = new SessionRecord
        {
            Id = this.GetPrimaryKeyString(),
            Request = request,
            Status = connection.Review ? SessionStatus.Open : SessionStatus.Running,
            StartDate = time.GetUtcNow(),
            HasReview = connection.Review,
            Review = connection.Review ? new SessionReview { Status = SessionReview.Pending } : null,
            Silo = connection.Review ? null : silo.SiloAddress.ToParsableString(),
        };

        if (!connection.Review)
        {
            ReservePlace();
        }

        // Set before the first await, so a concurrent call sees the session and waits instead of starting another run.
        store.State.Session = session;
        await StoreStartAsync();
        audit.Created(session);
        if (!connection.Review)
        {
            Launch(connection, session);
        }
    }

    private Connection ResolveConnection(SessionRequest request)
    {
        if (!connections.TryGet(request.Connection, out var connection))
        {
            if (store.State.Session is null)
            {
                DeactivateOnIdle();
            }

            throw new UnknownConnectionException(request.Connection);
        }

        return connection;
    }

    private void ReservePlace()
    {
        if (!runner.TryReserve())
        {
            if (store.State.Session is null)
            {
                DeactivateOnIdle();
            }

            throw new CapacityExceededException(runner.Running);
        }
    }

    /// <summary>
    /// Stores a session about to run (or to wait for review). For a run this happens before the
    /// process exists: a crash from here on settles the session as lost, never re-runs it.
    /// </summary>
    private async Task StoreStartAsync()
    {
        try
        {
            await WriteAsync();
        }
        catch
        {
            if (store.State.Session!.Status == SessionStatus.Running)
            {
                runner.Release();
            }

            DeactivateOnIdle();
            throw;
        }
    }

    private void Launch(Connection connection, SessionRecord session)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        _finishing = RunToEndAsync(connection, session.Request);
    }

    /// <summary>Ends the run, or makes sure it never starts when its start is still queued.</summary>
    private void Stop(string reason)
    {
        if (_run is { } run)
        {
            run.Kill(reason);
        }
        else if (_cancelStart is { } cancel)
        {
            _stopReason ??= reason;
            cancel.Cancel();
        }
    }

    private async Task RunToEndAsync(Connection connection, SessionRequest request)
    {
        // The call that launched the run is answered while the launcher starts the program: on a
        // loaded machine a start takes milliseconds, and a burst of runs must not wait for them.
        ProcessRun? run;
        var cancelStart = _cancelStart = new CancellationTokenSource();
        try
        {
            run = await runner.StartAsync(new RunSpec(connection.Argv(request.ClientArgs), connection.Environment, request.Script, connection.Timeout, connection.Sandbox), cancelStart.Token);
        }
        catch (Exception e)
        {
            SessionLog.StartFailed(logger, e, store.State.Session!.Id);
            run = null;
            _stopReason = FailureReasons.StartFailed;
        }
        finally
        {
            _cancelStart = null;
            cancelStart.Dispose();
        }

        SessionRecord session;
        if (run is null)
        {
            session = store.State.Session! with
            {
                Status = SessionStatus.Done,
                ExitCode = ExitCodes.ServiceError,
                FailureReason = _stopReason,
                EndDate = time.GetUtcNow(),
            };
        }
        else
        {
            _run = run;
            _launched.TrySetResult();
            if (_stopReason is { } stopped)
            {
                // Stopped while the launcher was already starting it.
                run.Kill(stopped);
            }

            audit.Started(store.State.Session!, run.Pid);
            var outcome = await run.Completion;
            session = store.State.Session! with
            {
                Status = SessionStatus.Done,
                ExitCode = outcome.ExitCode,
                Output = outcome.Output,
                Truncated = outcome.Truncated,
                ExecutionTimeMs = (long)outcome.ExecutionTime.TotalMilliseconds,
                FailureReason = outcome.FailureReason,
                EndDate = time.GetUtcNow(),
            };
        }

        var stored = await FinishAsync(session);
        audit.Finished(session);
        DelayDeactivation(TimeSpan.FromTicks(-1));
        if (stored)
        {
            // A finished session is read far less than it is kept: the stored copy serves later
            // reads, and an idle activation per session would cost thousands of bytes each.
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Records the final state, retrying the write; waiters are released even if storage keeps
    /// failing. Returns whether the state was stored.
    /// </summary>
    private async Task<bool> FinishAsync(SessionRecord session)
    {
        store.State.Session = session;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync();
                    return true;
                }
                catch (Exception e) when (attempt < FinalWriteAttempts)
                {
                    SessionLog.WriteFailed(logger, e, session.Id, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt));
                }
                catch (Exception e)
                {
                    // Readers of this activation still see the outcome; the store keeps "running",
                    // which the next activation settles as lost.
                    SessionLog.WriteFailed(logger, e, session.Id, attempt);
                    return false;
                }
            }
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task<SessionRecord?> WaitAsync(TimeSpan wait)
    {
        if (store.State.Session is null)
        {
            // Nothing to keep in memory for an id that was never used.
            DeactivateOnIdle();
            return null;
        }

        // Only a run ends by itself; a session waiting for its review would wait in vain.
        if (store.State.Session is not { Status: SessionStatus.Running } || wait <= TimeSpan.Zero)
        {
            return store.State.Session;
        }

        var bounded = wait < SessionLimits.MaxCallWait ? wait : SessionLimits.MaxCallWait;
        await _done.Task.WaitAsync(bounded).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        return store.State.Session;
    }

    /// <summary>Writes never overlap: awaits interleave, and overlapping writes would clash on the etag.</summary>
    private async Task WriteAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await store.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }
}
