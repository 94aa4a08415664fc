using System.Diagnostics;
using HoopOrleans.Connections;
using HoopOrleans.Processes;
using HoopOrleans.Telemetry;

namespace HoopOrleans.Sessions;

// The run's course: reserving a place, storing the start, launching the program and storing its result.
public sealed partial class SessionGrain
{
    private Task? _finishing;

    private async Task StartAsync(SessionRequest request)
    {
        var connection = ResolveConnection(request);
        var session = SessionTransitions.Created(this.GetPrimaryKeyString(), request, connection.Review, time.GetUtcNow(), silo.SiloAddress.ToParsableString(), connection.Profile);
        if (connection.Review)
        {
            await StoreStartAsync(session, slot: null);
            audit.Created(session);
            HoopMetrics.ReviewAwaited(session.Request.Connection, +1);
            return;
        }

        // The caller's place first: it is a call, so this start decides nothing until it returns
        // (a concurrent same request waits for it, see Run); the node's place is taken at once after.
        await ReserveCallerRunAsync(request.User);
        RunSlot slot;
        try
        {
            slot = ReservePlace();
            await StoreStartAsync(session, slot);
        }
        catch
        {
            await ReleaseCallerRunAsync(request.User);
            throw;
        }

        audit.Created(session);
        Launch(connection, slot);
    }

    /// <summary>An approved session's run: the requester's place, then as a plain run's start.</summary>
    private async Task ExecStartAsync(Connection connection, SessionActor requester)
    {
        var user = _state.Decided!.Request.User;
        await ReserveCallerRunAsync(user);
        RunSlot slot;
        try
        {
            // Decided again: a kill may have come while the reservation was asked for.
            var running = SessionTransitions.Executing(_state.Decided!, requester, silo.SiloAddress.ToParsableString());
            slot = ReservePlace();

            // Running before the next await: a concurrent exec, from any front end, finds it taken.
            await StoreStartAsync(running, slot);
        }
        catch
        {
            await ReleaseCallerRunAsync(user);
            throw;
        }

        Launch(connection, slot);
    }

    /// <summary>
    /// The session's connection on this silo. One this silo does not host is refused as the
    /// cluster's view says: hosted by another live silo, the call is sent again there
    /// (<see cref="ConnectionElsewhereException"/>); hosted by none that is alive, <see cref="ConnectionUnavailableException"/>;
    /// known to no silo, <see cref="UnknownConnectionException"/>. Nothing is decided first, and
    /// an activation that holds nothing to run goes, so the next call places the session anew.
    /// </summary>
    private Connection ResolveConnection(SessionRequest request)
    {
        if (connections.TryGet(request.Connection, out var connection))
        {
            return connection;
        }

        if (_state.Decided is null or { Status: SessionStatus.Open or SessionStatus.Ready })
        {
            DeactivateOnIdle();
        }

        throw NotHostedHere(request.Connection);
    }

    /// <summary>Why this silo cannot run <paramref name="name"/>, by the cluster's view of it.</summary>
    private Exception NotHostedHere(string name) => directory.Find(name) switch
    {
        null => new UnknownConnectionException(name),
        { Online: false } => new ConnectionUnavailableException(name),
        _ => new ConnectionElsewhereException(name),
    };

    /// <summary>
    /// A review of a session activated on a silo that does not host its connection (a read
    /// activated it there) goes to a silo that does, where its exec will run: the activation goes
    /// and the caller sends the review again with the connection named.
    /// </summary>
    private void MoveIfHostedElsewhere(SessionRecord session)
    {
        if (session.Status == SessionStatus.Open && !connections.TryGet(session.Request.Connection, out _)
            && directory.Find(session.Request.Connection) is { Online: true })
        {
            DeactivateOnIdle();
            throw new ConnectionElsewhereException(session.Request.Connection);
        }
    }

    /// <summary>This node's place for the run, which the run gives back whatever path it ends on.</summary>
    private RunSlot ReservePlace()
    {
        if (drain.IsDraining)
        {
            // Placement passes a draining silo by; a session already active here, or placed just
            // before the drain was known, is moved to another silo by the caller's retry.
            if (_state.Decided is null or { Status: SessionStatus.Ready })
            {
                DeactivateOnIdle();
            }

            throw new NodeDrainingException();
        }

        if (runner.TryReserve() is not { } slot)
        {
            if (_state.Decided is null)
            {
                DeactivateOnIdle();
            }

            throw new CapacityExceededException(runner.Running);
        }

        return slot;
    }

    /// <summary>
    /// Stores a session about to run (or to wait for review). For a run this happens before the
    /// process exists: a crash from here on settles the session as lost, never re-runs it. When
    /// the write fails nothing was decided: the caller is told, and the run's place is given back.
    /// </summary>
    private async Task StoreStartAsync(SessionRecord next, RunSlot? slot)
    {
        try
        {
            await _state.DecideAsync(next);
        }
        catch
        {
            slot?.Dispose();
            if (_state.Decided is null)
            {
                DeactivateOnIdle();
            }

            throw;
        }
    }

    private void Launch(Connection connection, RunSlot slot)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        _finishing = RunToEndAsync(connection, _state.Decided!.Request, slot);
    }

    private async Task RunToEndAsync(Connection connection, SessionRequest request, RunSlot slot)
    {
        // The result is stored from here, not from the call that launched the run: that call's
        // request context (a new session's hint among it) does not belong to later storage reads.
        NewSessionHint.Clear();
        var id = _state.Decided!.Id;

        // Under the span of the grain call that launched it, so a run's trace goes on past the answer.
        using var span = HoopActivities.Start(HoopActivities.Run, id, request.Connection);
        HoopMetrics.SessionStarted(request.Connection);
        HoopMetrics.RunHeld(request.Connection, +1);
        try
        {
            var result = await RunProgramAsync(connection, request, slot);
            span?.SetTag(HoopActivities.OutcomeTag, result.OutputStatus);
            bool stored;
            using (var storing = HoopActivities.Start(HoopActivities.StoreResult, id, request.Connection))
            {
                stored = await _state.FinishAsync(result, _deactivated.Token);
                storing?.SetStatus(stored ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            }

            if (stored)
            {
                audit.Finished(result);
                DelayDeactivation(TimeSpan.FromTicks(-1));

                // A finished session is read far less than it is kept: the stored copy serves later
                // reads, and an idle activation per session would cost thousands of bytes each.
                DeactivateOnIdle();
            }
        }
        finally
        {
            HoopMetrics.RunHeld(request.Connection, -1);

            // Once its final state is stored (or can no longer be, and the next activation reads
            // "lost"): the run no longer counts against its requester anywhere.
            await ReleaseCallerRunAsync(request.User);
        }
    }

    /// <summary>Starts the program, waits for its end and returns the session's final record; the place is given back on every path.</summary>
    private async Task<SessionRecord> RunProgramAsync(Connection connection, SessionRequest request, RunSlot slot)
    {
        // The call that launched the run is answered while the launcher starts the program: on a
        // loaded machine a start takes milliseconds, and a burst of runs must not wait for them. Who
        // the run is (its caller's own uid on the connection) is worked out as part of that start.
        async Task<RunSpec> Prepare()
        {
            var runAs = await accounts.ForAsync(connection, request.User);
            return new RunSpec(connection.Argv(request.ClientArgs), runAs.Environment, request.Script, connection.Timeout, runAs.Sandbox);
        }

        var id = _state.Decided!.Id;

        // The place is given back before the result is stored, on every path: a started run gives
        // it back itself as its program exits; a run that never started, here.
        using (slot)
        {
            ProcessRun? process;
            var asked = time.GetTimestamp();
            using (var starting = HoopActivities.Start(HoopActivities.ProcessStart, id, request.Connection))
            {
                process = await _run.StartAsync(runner, Prepare, slot, e => SessionLog.StartFailed(logger, e, id));
                starting?.SetTag(HoopActivities.PidTag, process?.Pid);
                starting?.SetStatus(process is null ? ActivityStatusCode.Error : ActivityStatusCode.Ok, process is null ? _run.StopReason : null);
            }

            if (process is null)
            {
                return SessionTransitions.Ended(_state.Decided!, _run.StopReason, time.GetUtcNow());
            }

            if (process.Pid is not null)
            {
                HoopMetrics.ProgramSpawned(request.Connection, time.GetElapsedTime(asked));
            }

            audit.Started(_state.Decided!, process.Pid);
            ProcessOutcome outcome;
            using (var running = HoopActivities.Start(HoopActivities.ProcessRun, id, request.Connection))
            {
                running?.SetTag(HoopActivities.PidTag, process.Pid);
                outcome = await process.Completion;
                running?.SetTag(HoopActivities.EndingTag, outcome.Ending.ToString());
                running?.SetTag(HoopActivities.ExitCodeTag, outcome.ExitCode);
            }

            var result = SessionTransitions.Finished(_state.Decided!, outcome, _run.StopReason, time.GetUtcNow());
            if (outcome.Ending != RunEnding.NotStarted)
            {
                HoopMetrics.RunEnded(request.Connection, result.OutputStatus, outcome.ExecutionTime, result.Output.Length);
            }

            return result;
        }
    }
}
