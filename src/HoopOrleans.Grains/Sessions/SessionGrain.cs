using HoopOrleans.Connections;
using HoopOrleans.Draining;
using HoopOrleans.Processes;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace HoopOrleans.Sessions;

// Placed at random among the silos that are not draining: see RunPlacement.
[Reentrant]
[RunPlacement]
public sealed partial class SessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionState> store,
    ConnectionCatalog connections,
    ProcessRunner runner,
    SiloDrain drain,
    ILocalSiloDetails silo,
    SessionAudit audit,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private static readonly TimeSpan ShutdownWait = ProcessRun.KillGrace + TimeSpan.FromSeconds(1);
    // A kill waits for the run to record its end, but answers inside the call timeout whatever happens.
    private static readonly TimeSpan KillWait = SessionLimits.CallTimeout - TimeSpan.FromSeconds(1);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _decided = _stored = store.State.Session;
        switch (_stored)
        {
            case { Status: SessionStatus.Running } orphan:
                // No process of this activation's: it died with its node. One attempt: if storage
                // fails, so does this activation, and the next call tries again.
                audit.Lost(orphan);
                _decided = orphan with
                {
                    Status = SessionStatus.Done,
                    ExitCode = ExitCodes.Lost,
                    FailureReason = FailureReasons.Lost,
                    EndDate = time.GetUtcNow(),
                };
                await WriteAsync(_decided);
                _done.TrySetResult();
                break;
            case { IsDone: true }:
                _done.TrySetResult();
                break;
        }
    }

    public async Task<SessionRecord> Run(SessionRequest request, TimeSpan wait)
    {
        if (_deleted)
        {
            throw new SessionRuleException(SessionRule.Conflict, "this session was deleted a moment ago");
        }

        if (_decided is null)
        {
            await StartAsync(request);
        }
        else if (!_decided.Request.Matches(request))
        {
            throw new IdempotencyConflictException();
        }
        else
        {
            // The same request again while its start is being stored: its answer is that start's.
            await DecisionStored();
        }

        // Null only when this start, or the same one asked for concurrently, could not be stored.
        return await WaitAsync(wait) ?? throw new SessionStoreUnavailableException();
    }

    public Task<SessionRecord?> Get(TimeSpan wait) => WaitAsync(wait);

    public async Task<SessionRecord?> Review(string reviewer, bool approved, string? rejectionReason)
    {
        if (_decided is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (session.Status != SessionStatus.Open)
        {
            throw new SessionRuleException(SessionRule.Conflict, "the session is not waiting for a review");
        }

        if (session.Request.User == reviewer)
        {
            throw new SessionRuleException(SessionRule.Forbidden, "a session cannot be reviewed by its requester");
        }

        var now = time.GetUtcNow();
        var review = new SessionReview
        {
            Status = approved ? SessionReview.Approved : SessionReview.Rejected,
            ReviewedBy = reviewer,
            ReviewDate = now,
            RejectionReason = approved ? null : rejectionReason,
        };
        if (approved)
        {
            await DecideAsync(session with { Status = SessionStatus.Ready, Review = review });
        }
        else
        {
            await FinishAsync(session with
            {
                Status = SessionStatus.Done,
                Review = review,
                ExitCode = ExitCodes.ServiceError,
                FailureReason = FailureReasons.Rejected,
                EndDate = now,
            });
        }

        audit.Reviewed(_stored!, reviewer);
        return _stored;
    }

    public async Task<SessionRecord?> Exec(string requester, TimeSpan wait)
    {
        if (_decided is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (session.Request.User != requester)
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester may run this session");
        }

        switch (session.Status)
        {
            case SessionStatus.Open:
                throw new SessionRuleException(SessionRule.Forbidden, "the session has not been approved");
            case SessionStatus.Done when session.Review?.Status == SessionReview.Rejected:
                throw new SessionRuleException(SessionRule.Forbidden, "the session was rejected");
            case SessionStatus.Running or SessionStatus.Done:
                throw new SessionRuleException(SessionRule.Conflict, "the session has already run or ended");
        }

        var connection = ResolveConnection(session.Request);
        ReservePlace();

        // Running before the first await: a concurrent exec, from any front end, finds it taken.
        await StoreStartAsync(session with { Status = SessionStatus.Running, Silo = silo.SiloAddress.ToParsableString() });
        Launch(connection);
        return await WaitAsync(wait);
    }

    public async Task<SessionRecord?> Kill(SessionActor by)
    {
        if (_decided is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!IsOwnerOrAdmin(session, by))
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester or an admin may kill this session");
        }

        if (session.Status == SessionStatus.Running && !_done.Task.IsCompleted)
        {
            // A run, or a start still being stored: its launch then never starts the program.
            audit.Killed(session, by.Name);
            Stop(FailureReasons.Killed);
            await _done.Task.WaitAsync(KillWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            if (_decided is not { Status: SessionStatus.Open or SessionStatus.Ready } undone)
            {
                return _stored;
            }

            // An exec whose start could not be stored: the session still waits to run, and never will.
            session = undone;
        }
        else if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            audit.Killed(session, by.Name);
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            // Nothing runs yet: killing it means it never will.
            await FinishAsync(session with
            {
                Status = SessionStatus.Done,
                ExitCode = ExitCodes.ServiceError,
                FailureReason = FailureReasons.Killed,
                EndDate = time.GetUtcNow(),
            });
        }

        return _stored;
    }

    private static bool IsOwnerOrAdmin(SessionRecord session, SessionActor by) => by.IsAdmin || by.Name == session.Request.User;

    public async Task<SessionRecord?> Delete(SessionActor by)
    {
        await DecisionStored();
        if (_stored is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!IsOwnerOrAdmin(session, by))
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester or an admin may delete this session");
        }

        if (!session.IsDone || !_done.Task.IsCompleted)
        {
            throw new SessionRuleException(SessionRule.Conflict, "the session has not ended");
        }

        await ClearAsync();
        audit.Deleted(session, by.Name);
        DeactivateOnIdle();
        return session;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_finishing is { IsCompleted: false } finishing)
        {
            if (_run is not { Completion.IsCompleted: true })
            {
                SessionLog.Deactivated(logger, _decided!.Id, reason.ToString());
                Stop(FailureReasons.Shutdown);
            }

            // Gives the result its last chance to be stored; past this, the next activation reads "lost".
            await finishing.WaitAsync(ShutdownWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        _deactivated.Cancel();
    }
}
