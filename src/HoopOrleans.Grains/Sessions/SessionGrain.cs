using HoopOrleans.Connections;
using HoopOrleans.Processes;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace HoopOrleans.Sessions;

// Random placement spreads runs evenly over the silos. The default, resource-optimized placement
// reads statistics that lag behind a burst of new runs and sends the whole burst to one silo; local
// placement follows the client's choice of gateway, which can send a front end's every run to one.
[Reentrant]
[Orleans.Placement.RandomPlacement]
public sealed partial class SessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<SessionState> store,
    ConnectionCatalog connections,
    ProcessRunner runner,
    ILocalSiloDetails silo,
    SessionAudit audit,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const int FinalWriteAttempts = 5;
    private static readonly TimeSpan ShutdownWait = ProcessRun.KillGrace + TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KillWait = ProcessRun.KillGrace + TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _launched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProcessRun? _run;
    private Task? _finishing;
    private CancellationTokenSource? _cancelStart;
    private string? _stopReason;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        switch (store.State.Session)
        {
            case { Status: SessionStatus.Running } orphan:
                audit.Lost(orphan);
                await FinishAsync(orphan with
                {
                    Status = SessionStatus.Done,
                    ExitCode = ExitCodes.Lost,
                    FailureReason = FailureReasons.Lost,
                    EndDate = time.GetUtcNow(),
                });
                break;
            case { IsDone: true }:
                _done.TrySetResult();
                break;
        }
    }

    public async Task<SessionRecord> Run(SessionRequest request, TimeSpan wait)
    {
        if (store.State.Session is null)
        {
            await StartAsync(request);
        }
        else if (!store.State.Session.Request.Matches(request))
        {
            throw new IdempotencyConflictException();
        }

        return (await WaitAsync(wait))!;
    }

    public Task<SessionRecord?> Get(TimeSpan wait) => WaitAsync(wait);

    public async Task<SessionRecord?> Review(string reviewer, bool approved, string? rejectionReason)
    {
        if (store.State.Session is not { } session)
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
            store.State.Session = session with { Status = SessionStatus.Ready, Review = review };
            await WriteAsync();
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

        audit.Reviewed(store.State.Session!, reviewer);
        return store.State.Session;
    }

    public async Task<SessionRecord?> Exec(string requester, TimeSpan wait)
    {
        if (store.State.Session is not { } session)
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
        store.State.Session = session with { Status = SessionStatus.Running, Silo = silo.SiloAddress.ToParsableString() };
        await StoreStartAsync();
        Launch(connection, store.State.Session);
        return await WaitAsync(wait);
    }

    public async Task<SessionRecord?> Kill(SessionActor by)
    {
        if (store.State.Session is not { } session)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!by.IsAdmin && by.Name != session.Request.User)
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester or an admin may kill this session");
        }

        if (session.Status is SessionStatus.Open or SessionStatus.Ready)
        {
            // Nothing runs yet: killing it means it never will.
            audit.Killed(session, by.Name);
            await FinishAsync(session with
            {
                Status = SessionStatus.Done,
                ExitCode = ExitCodes.ServiceError,
                FailureReason = FailureReasons.Killed,
                EndDate = time.GetUtcNow(),
            });
        }
        else if (_finishing is { IsCompleted: false })
        {
            audit.Killed(session, by.Name);
            Stop(FailureReasons.Killed);
            await _done.Task.WaitAsync(KillWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        return store.State.Session;
    }

    public async Task<OutputChunk?> ReadOutput(long offset, int maxBytes, TimeSpan wait)
    {
        if (store.State.Session is null)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!store.State.Session.IsDone && wait > TimeSpan.Zero)
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

        var session = store.State.Session;
        if (session.IsDone)
        {
            var output = session.Output;
            var start = (int)Math.Min(offset, output.Length);
            var bytes = output.AsSpan(start, Math.Min(maxBytes, output.Length - start)).ToArray();
            return new OutputChunk(offset, bytes, start + bytes.Length >= output.Length ? session : null);
        }

        return new OutputChunk(offset, _run?.Output.Read(offset, maxBytes) ?? [], null);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_finishing is { IsCompleted: false } finishing && _run is not { Completion.IsCompleted: true })
        {
            SessionLog.Deactivated(logger, store.State.Session!.Id, reason.ToString());
            Stop(FailureReasons.Shutdown);
            await finishing.WaitAsync(ShutdownWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }
}
