using HoopOrleans.Connections;
using HoopOrleans.Draining;
using HoopOrleans.Processes;
using HoopOrleans.Storage;
using HoopOrleans.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Polly.Registry;

namespace HoopOrleans.Sessions;

// The calls clients make. The rules are SessionTransitions'; the states and their storage,
// SessionStateWriter'; the program, SessionRun's. This grain decides when each applies: the run's
// course is in SessionGrain.Run.cs, what readers see in SessionGrain.Reads.cs.
// Placed on a silo that hosts its connection, past draining silos: see RunPlacementDirector.
[Reentrant]
[RunPlacement]
public sealed partial class SessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionGrainState> store,
    ConfiguredConnections connections,
    IConnectionDirectory directory,
    RunAccounts accounts,
    ProcessRunner runner,
    SiloDrainState drain,
    ILocalSiloDetails silo,
    SessionAudit audit,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    IOptions<RetentionOptions> retention,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private static readonly TimeSpan ShutdownWait = ProcessRun.KillGrace + TimeSpan.FromSeconds(1);

    // A kill waits for the run to record its end, but answers inside the call timeout whatever happens.
    private static readonly TimeSpan KillWait = SessionLimits.CallTimeout - TimeSpan.FromSeconds(1);

    private readonly SessionStateWriter _state = new(store, pipelines.GetPipeline(FinalStateRetry.PipelineName), logger);
    private readonly SessionRun _run = new();
    private readonly CancellationTokenSource _deactivated = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state.Load();
        if (_state.Stored is { Status: SessionStatus.Running } orphan)
        {
            // No process of this activation's: it died with its node. One attempt: if storage
            // fails, so does this activation, and the next call tries again.
            audit.Lost(orphan);
            HoopMetrics.SessionLost(orphan.Request.Connection);
            await _state.SettleAsync(SessionTransitions.Lost(orphan, time.GetUtcNow()));
        }
    }

    public async Task<SessionRecord> Run(SessionRequest request, TimeSpan wait)
    {
        if (_state.Deleted)
        {
            throw new SessionRuleException(SessionRule.Conflict, "this session was deleted a moment ago");
        }

        await StartsSettledAsync();
        if (_state.Decided is { } existing)
        {
            SessionTransitions.CheckSameRequest(existing, request);

            // The same request again while its start is being stored: its answer is that start's.
            await _state.DecisionStoredAsync();
        }
        else
        {
            var start = StartAsync(request);
            _starting = start;
            await start;
        }

        // Null only when this start, or the same one asked for concurrently, could not be stored.
        return await WaitAsync(null, wait) ?? throw new SessionStoreUnavailableException();
    }

    public Task<SessionRecord?> Get(SessionActor viewer, TimeSpan wait) => WaitAsync(viewer, wait);

    public async Task<SessionRecord?> Review(SessionActor reviewer, bool approved, string? rejectionReason)
    {
        if (Existing(reviewer) is not { } session)
        {
            return null;
        }

        MoveIfHostedElsewhere(session);

        // A final state decided meanwhile (the sweep expiring the session, a kill) is answered once
        // it is stored, so that a refused review and the reads after it agree.
        if (session.IsDone && !_state.Ended.IsCompleted)
        {
            await _state.Ended.UpTo(KillWait);
        }

        // A review that comes too late finds the session expired, whether or not the sweep got here
        // first: it is then refused as a review of any ended session is.
        if (SessionTransitions.ReviewExpired(session, retention.Value.ReviewMaxAge, time.GetUtcNow()) is { } expired)
        {
            await ExpireAsync(expired);
            session = expired;
        }

        var next = SessionTransitions.Reviewed(session, reviewer.Name, approved, rejectionReason, time.GetUtcNow(), reviewer.ReviewsOwn);
        if (next.IsDone)
        {
            await _state.FinishAsync(next, _deactivated.Token);
        }
        else
        {
            await _state.DecideAsync(next);
        }

        audit.Reviewed(_state.Stored!, reviewer.Name);
        HoopMetrics.ReviewAwaited(session.Request.Connection, -1);
        return _state.Stored;
    }

    public async Task<bool> ExpireReview()
    {
        // A review or kill being stored decides first; this then sees what it came to.
        await _state.DecisionStoredAsync();
        if (_state.Decided is not { } session)
        {
            DeactivateOnIdle();
            return false;
        }

        if (SessionTransitions.ReviewExpired(session, retention.Value.ReviewMaxAge, time.GetUtcNow()) is not { } expired)
        {
            return false;
        }

        var stored = await ExpireAsync(expired);

        // Woken only to be ended: nobody is reading it, and the stored copy serves whoever does.
        DeactivateOnIdle();
        return stored;
    }

    public async Task<SessionRecord?> Exec(SessionActor requester, TimeSpan wait)
    {
        await StartsSettledAsync();
        if (Existing(requester) is not { } session)
        {
            return null;
        }

        SessionTransitions.Executing(session, requester, silo.SiloAddress.ToParsableString());
        var connection = ResolveConnection(session.Request);
        var start = ExecStartAsync(connection, requester);
        _starting = start;
        await start;
        return await WaitAsync(null, wait);
    }

    public async Task<SessionRecord?> Kill(SessionActor by)
    {
        if (Existing(by) is not { } session)
        {
            return null;
        }

        SessionTransitions.CheckMayKill(session, by);
        if (session.Status == SessionStatus.Running && !_state.Ended.IsCompleted)
        {
            // A run, or a start still being stored: its launch then never starts the program.
            audit.Killed(session, by.Name);
            HoopMetrics.SessionKilled(session.Request.Connection);
            _run.Stop(FailureReasons.Killed);
            await _state.Ended.UpTo(KillWait);
            if (_state.Decided is not { Status: SessionStatus.Open or SessionStatus.Ready } undone)
            {
                return _state.Stored;
            }

            // An exec whose start could not be stored: the session still waits to run, and never will.
            session = undone;
        }
        else if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            audit.Killed(session, by.Name);
            HoopMetrics.SessionKilled(session.Request.Connection);
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            // Nothing runs yet: killing it means it never will.
            await _state.FinishAsync(SessionTransitions.Ended(session, FailureReasons.Killed, time.GetUtcNow()), _deactivated.Token);
            if (session.Status == SessionStatus.Open)
            {
                HoopMetrics.ReviewAwaited(session.Request.Connection, -1);
            }
        }

        return _state.Stored;
    }

    public async Task<SessionRecord?> Delete(SessionActor by)
    {
        await _state.DecisionStoredAsync();
        if (_state.Stored is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!SessionTransitions.MaySee(session, by))
        {
            return null;
        }

        SessionTransitions.CheckMayDelete(session, by, _state.Ended.IsCompleted);
        var deleted = await _state.ClearAsync();
        DeactivateOnIdle();
        if (!deleted)
        {
            // Retention got there first: the session is gone, as for every other reader.
            return null;
        }

        audit.Deleted(session, by.Name);
        return session;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_finishing is { IsCompleted: false } finishing)
        {
            if (_run.Process is not { Completion.IsCompleted: true })
            {
                SessionLog.Deactivated(logger, _state.Decided!.Id, reason.ToString());
                _run.Stop(FailureReasons.Shutdown);
            }

            // Gives the result its last chance to be stored; past this, the next activation reads "lost".
            await finishing.WaitAsync(ShutdownWait, cancellationToken).Settled();
        }

        _deactivated.Cancel();
    }

    /// <summary>
    /// Stores a waiting session's expiry as its final state, retried like every final state, and
    /// counts it as every finish is counted; it waits for review no more. False only when the
    /// activation went away before the write landed (the next sweep finds the session again).
    /// </summary>
    private async Task<bool> ExpireAsync(SessionRecord expired)
    {
        if (!await _state.FinishAsync(expired, _deactivated.Token))
        {
            return false;
        }

        audit.Finished(expired);
        HoopMetrics.ReviewAwaited(expired.Request.Connection, -1);
        return true;
    }

    /// <summary>
    /// The session as decided, or null when <paramref name="actor"/> may not see it or the id was
    /// never used (and then the activation is let go).
    /// </summary>
    private SessionRecord? Existing(SessionActor actor)
    {
        if (_state.Decided is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        return SessionTransitions.MaySee(session, actor) ? session : null;
    }
}
