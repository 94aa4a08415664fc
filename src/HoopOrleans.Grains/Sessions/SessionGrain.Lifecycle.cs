using HoopOrleans.Connections;
using HoopOrleans.Processes;

namespace HoopOrleans.Sessions;

// The session's run from start to result: reserving a place, launching the process and stopping
// it. The calls clients make are in SessionGrain.cs; how states reach storage, in .Storage.cs.
public sealed partial class SessionGrain
{
    private readonly TaskCompletionSource _launched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProcessRun? _run;
    private Task? _finishing;
    private CancellationTokenSource? _cancelStart;
    private string? _stopReason;

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

        await StoreStartAsync(session);
        audit.Created(session);
        if (!connection.Review)
        {
            Launch(connection);
        }
    }

    private Connection ResolveConnection(SessionRequest request)
    {
        if (!connections.TryGet(request.Connection, out var connection))
        {
            if (_decided is null)
            {
                DeactivateOnIdle();
            }

            throw new UnknownConnectionException(request.Connection);
        }

        return connection;
    }

    private void ReservePlace()
    {
        if (drain.IsDraining)
        {
            // Placement passes a draining silo by; a session already active here, or placed just
            // before the drain was known, is moved to another silo by the caller's retry.
            if (_decided is null or { Status: SessionStatus.Ready })
            {
                DeactivateOnIdle();
            }

            throw new NodeDrainingException();
        }

        if (!runner.TryReserve())
        {
            if (_decided is null)
            {
                DeactivateOnIdle();
            }

            throw new CapacityExceededException(runner.Running);
        }
    }

    private void Launch(Connection connection)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        _finishing = RunToEndAsync(connection, _decided!.Request);
    }

    /// <summary>Ends the run, or makes sure it never starts when its start is still to come.</summary>
    private void Stop(string reason)
    {
        if (_run is { } run)
        {
            run.Kill(reason);
            return;
        }

        _stopReason ??= reason;
        _cancelStart?.Cancel();
    }

    private async Task RunToEndAsync(Connection connection, SessionRequest request)
    {
        // The result is stored from here, not from the call that launched the run: that call's
        // request context (a new session's hint among it) does not belong to later storage reads.
        NewSessionHint.Clear();

        // The call that launched the run is answered while the launcher starts the program: on a
        // loaded machine a start takes milliseconds, and a burst of runs must not wait for them.
        var run = await StartProgramAsync(connection, request);
        SessionRecord session;
        if (run is null)
        {
            session = _decided! with
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

            audit.Started(_decided!, run.Pid);
            var outcome = await run.Completion;
            session = _decided! with
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

        if (await FinishAsync(session))
        {
            audit.Finished(session);
            DelayDeactivation(TimeSpan.FromTicks(-1));

            // A finished session is read far less than it is kept: the stored copy serves later
            // reads, and an idle activation per session would cost thousands of bytes each.
            DeactivateOnIdle();
        }
    }

    /// <summary>The started program, or null when it was stopped before it started or could not start.</summary>
    private async Task<ProcessRun?> StartProgramAsync(Connection connection, SessionRequest request)
    {
        if (_stopReason is not null)
        {
            // Killed while its start was being stored: the program never starts.
            runner.Release();
            return null;
        }

        var cancelStart = _cancelStart = new CancellationTokenSource();
        try
        {
            return await runner.StartAsync(new RunSpec(connection.Argv(request.ClientArgs), connection.Environment, request.Script, connection.Timeout, connection.Sandbox), cancelStart.Token);
        }
        catch (Exception e)
        {
            SessionLog.StartFailed(logger, e, _decided!.Id);
            _stopReason = FailureReasons.StartFailed;
            return null;
        }
        finally
        {
            _cancelStart = null;
            cancelStart.Dispose();
        }
    }
}
