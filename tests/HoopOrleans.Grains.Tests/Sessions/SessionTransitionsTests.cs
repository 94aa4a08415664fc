using HoopOrleans.Processes;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>The session's rules as pure functions: no cluster, no storage, no process.</summary>
public sealed class SessionTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SessionRequest Request = Requests.Bash("echo hi");
    private static readonly SessionActor Requester = new(Request.User, IsAdmin: false);

    [Fact]
    public void A_new_session_runs_at_once_on_this_silo_or_waits_for_its_review_on_none()
    {
        var run = SessionTransitions.Created("s1", Request, review: false, Now, "silo-a");
        var reviewed = SessionTransitions.Created("s2", Request, review: true, Now, "silo-a");

        Assert.Equal((SessionStatus.Running, "silo-a", false, null), (run.Status, run.Silo, run.HasReview, run.Review));
        Assert.Equal((SessionStatus.Open, null, true, SessionReview.Pending), (reviewed.Status, reviewed.Silo, reviewed.HasReview, reviewed.Review?.Status));
        Assert.Equal(Now, reviewed.StartDate);
    }

    [Fact]
    public void The_same_request_again_is_accepted_and_a_different_one_conflicts()
    {
        var session = SessionTransitions.Created("s", Request, false, Now, "silo");

        SessionTransitions.CheckSameRequest(session, Requests.Bash("echo hi"));
        Assert.Throws<IdempotencyConflictException>(() => SessionTransitions.CheckSameRequest(session, Requests.Bash("echo other")));
    }

    [Fact]
    public void Approval_makes_a_waiting_session_ready_and_rejection_ends_it_without_a_run()
    {
        var open = SessionTransitions.Created("s", Request, true, Now, "silo");

        var approved = SessionTransitions.Reviewed(open, "reviewer", approved: true, "ignored", Now);
        var rejected = SessionTransitions.Reviewed(open, "reviewer", approved: false, "no", Now);

        Assert.Equal((SessionStatus.Ready, SessionReview.Approved, "reviewer", null), (approved.Status, approved.Review!.Status, approved.Review.ReviewedBy, approved.Review.RejectionReason));
        Assert.Equal((SessionStatus.Done, ExitCodes.ServiceError, FailureReasons.Rejected, "no"), (rejected.Status, rejected.ExitCode, rejected.FailureReason, rejected.Review!.RejectionReason));
        Assert.Equal(Now, rejected.EndDate);
    }

    [Fact]
    public void A_review_by_the_requester_or_of_a_session_not_waiting_is_refused()
    {
        var open = SessionTransitions.Created("s", Request, true, Now, "silo");
        var ready = SessionTransitions.Reviewed(open, "reviewer", true, null, Now);

        Assert.Equal(SessionRule.Forbidden, Assert.Throws<SessionRuleException>(() => SessionTransitions.Reviewed(open, Request.User, true, null, Now)).Rule);
        Assert.Equal(SessionRule.Conflict, Assert.Throws<SessionRuleException>(() => SessionTransitions.Reviewed(ready, "reviewer", true, null, Now)).Rule);
    }

    [Fact]
    public void A_requester_who_reviews_its_own_sessions_may_decide_them_while_they_wait()
    {
        var open = SessionTransitions.Created("s", Request, true, Now, "silo");

        var approved = SessionTransitions.Reviewed(open, Request.User, approved: true, null, Now, reviewsOwn: true);
        var rejected = SessionTransitions.Reviewed(open, Request.User, approved: false, "no", Now, reviewsOwn: true);

        Assert.Equal((SessionStatus.Ready, SessionReview.Approved, Request.User), (approved.Status, approved.Review!.Status, approved.Review.ReviewedBy));
        Assert.Equal((SessionStatus.Done, SessionReview.Rejected, Request.User), (rejected.Status, rejected.Review!.Status, rejected.Review.ReviewedBy));
        Assert.Equal(SessionStatus.Running, SessionTransitions.Executing(approved, Requester, "silo").Status);
        Assert.Equal(SessionRule.Conflict, Refusal(() => SessionTransitions.Reviewed(approved, Request.User, true, null, Now, reviewsOwn: true)));
        Assert.Equal(SessionRule.Forbidden, Refusal(() => SessionTransitions.Reviewed(open, Request.User, true, null, Now, reviewsOwn: false)));
    }

    [Fact]
    public void A_new_session_keeps_its_connections_profile_or_is_custom()
    {
        var profile = new ConnectionProfile("database", "postgres", """{"team":"sre"}""");

        Assert.Same(profile, SessionTransitions.Created("s1", Request, false, Now, "silo", profile).Profile);
        Assert.Equal(ConnectionProfile.Custom, SessionTransitions.Created("s2", Request, true, Now, "silo").Profile);
    }

    [Fact]
    public void Only_the_requester_runs_an_approved_session_and_only_once()
    {
        var open = SessionTransitions.Created("s", Request, true, Now, "silo");
        var ready = SessionTransitions.Reviewed(open, "reviewer", true, null, Now);
        var rejected = SessionTransitions.Reviewed(open, "reviewer", false, null, Now);

        var running = SessionTransitions.Executing(ready, Requester, "silo-b");

        Assert.Equal((SessionStatus.Running, "silo-b"), (running.Status, running.Silo));
        Assert.Equal(SessionRule.Forbidden, Refusal(() => SessionTransitions.Executing(ready, new SessionActor("someone else", IsAdmin: false), "silo")));
        Assert.Equal(SessionRule.Forbidden, Refusal(() => SessionTransitions.Executing(open, Requester, "silo")));
        Assert.Equal(SessionRule.Forbidden, Refusal(() => SessionTransitions.Executing(rejected, Requester, "silo")));
        Assert.Equal(SessionRule.Conflict, Refusal(() => SessionTransitions.Executing(running, Requester, "silo")));
    }

    [Fact]
    public void An_approved_session_runs_only_while_the_requesters_key_may_still_use_its_connection()
    {
        var ready = SessionTransitions.Reviewed(SessionTransitions.Created("s", Request, true, Now, "silo"), "reviewer", true, null, Now);
        var scoped = Requester with { Connections = ["bash", "other"] };
        var lostIt = Requester with { Connections = ["other", "BASH"] };
        var none = Requester with { Connections = [] };

        Assert.Equal(SessionStatus.Running, SessionTransitions.Executing(ready, scoped, "silo").Status);
        Assert.Equal(SessionStatus.Running, SessionTransitions.Executing(ready, Requester with { Connections = null }, "silo").Status);
        var refused = Assert.Throws<SessionRuleException>(() => SessionTransitions.Executing(ready, lostIt, "silo"));
        Assert.Equal((SessionRule.Forbidden, "this key may no longer use connection bash"), (refused.Rule, refused.Message));
        Assert.Equal(SessionRule.Forbidden, Refusal(() => SessionTransitions.Executing(ready, none, "silo")));

        // A session that ran already says so, whatever the key may use now.
        var running = SessionTransitions.Executing(ready, scoped, "silo");
        Assert.Equal(SessionRule.Conflict, Refusal(() => SessionTransitions.Executing(running, lostIt, "silo")));
    }

    [Fact]
    public void A_session_that_waited_for_its_review_longer_than_the_max_age_expires_and_no_other_does()
    {
        var maxAge = TimeSpan.FromDays(7);
        var open = SessionTransitions.Created("s", Request, true, Now, "silo");
        var later = Now + maxAge + TimeSpan.FromTicks(1);

        var expired = SessionTransitions.ReviewExpired(open, maxAge, later)!;

        Assert.Equal((SessionStatus.Done, ExitCodes.ServiceError, FailureReasons.ReviewExpired, later, "failed"), (expired.Status, expired.ExitCode, expired.FailureReason, expired.EndDate, expired.OutputStatus));
        Assert.Equal((SessionReview.Rejected, (string?)null, FailureReasons.ReviewExpired, (DateTimeOffset?)later), (expired.Review!.Status, expired.Review.ReviewedBy, expired.Review.RejectionReason, expired.Review.ReviewDate));
        Assert.Null(SessionTransitions.ReviewExpired(open, maxAge, Now + maxAge));
        Assert.Null(SessionTransitions.ReviewExpired(SessionTransitions.Reviewed(open, "reviewer", true, null, Now), maxAge, later));
        Assert.Null(SessionTransitions.ReviewExpired(SessionTransitions.Created("r", Request, false, Now, "silo"), maxAge, later));
        Assert.Null(SessionTransitions.ReviewExpired(expired, maxAge, later + maxAge));

        // Expired is no approval: it may not run, and it is no longer waiting for a review.
        var exec = Assert.Throws<SessionRuleException>(() => SessionTransitions.Executing(expired, Requester, "silo"));
        Assert.Equal((SessionRule.Forbidden, "the session's review expired"), (exec.Rule, exec.Message));
        Assert.Equal(SessionRule.Conflict, Refusal(() => SessionTransitions.Reviewed(expired, "reviewer", true, null, later)));
    }

    [Fact]
    public void The_requester_or_an_admin_may_kill_and_delete_and_a_session_is_deleted_only_once_its_result_is_stored()
    {
        var done = SessionTransitions.Finished(SessionTransitions.Created("s", Request, false, Now, "silo"), new ProcessOutcome(RunEnding.Exited, 0, [], false, TimeSpan.Zero), null, Now);
        var admin = new SessionActor("admin-key", IsAdmin: true);
        var stranger = new SessionActor("other", IsAdmin: false);

        SessionTransitions.CheckMayKill(done, Requester);
        SessionTransitions.CheckMayKill(done, admin);
        SessionTransitions.CheckMayDelete(done, admin, resultStored: true);
        Assert.Equal(SessionRule.Forbidden, Assert.Throws<SessionRuleException>(() => SessionTransitions.CheckMayKill(done, stranger)).Rule);
        Assert.Equal(SessionRule.Forbidden, Assert.Throws<SessionRuleException>(() => SessionTransitions.CheckMayDelete(done, stranger, true)).Rule);
        Assert.Equal(SessionRule.Conflict, Assert.Throws<SessionRuleException>(() => SessionTransitions.CheckMayDelete(done, Requester, resultStored: false)).Rule);
        Assert.Equal(SessionRule.Conflict, Assert.Throws<SessionRuleException>(() => SessionTransitions.CheckMayDelete(done with { Status = SessionStatus.Running }, Requester, true)).Rule);
    }

    [Fact]
    public void A_result_keeps_the_outcome_and_a_lost_or_unstarted_run_says_why()
    {
        var running = SessionTransitions.Created("s", Request, false, Now, "silo");

        var finished = SessionTransitions.Finished(running, new ProcessOutcome(RunEnding.Exited, 3, "out"u8.ToArray(), true, TimeSpan.FromMilliseconds(42)), null, Now);
        var lost = SessionTransitions.Lost(running, Now);
        var killed = SessionTransitions.Ended(running, FailureReasons.Killed, Now);

        Assert.Equal((SessionStatus.Done, 3, true, 42L, (string?)null), (finished.Status, finished.ExitCode, finished.Truncated, finished.ExecutionTimeMs, finished.FailureReason));
        Assert.Equal("out"u8.ToArray(), finished.Output);
        Assert.Equal((ExitCodes.Lost, FailureReasons.Lost), (lost.ExitCode, lost.FailureReason));
        Assert.Equal((ExitCodes.ServiceError, FailureReasons.Killed, Now), (killed.ExitCode, killed.FailureReason, killed.EndDate));
    }

    /// <summary>How each way a run can end becomes the session's exit code and reason: the one place the service's codes and reasons are given.</summary>
    [Theory]
    [InlineData(RunEnding.Exited, 137, null, 137, null)]
    [InlineData(RunEnding.Exited, null, null, ExitCodes.ServiceError, null)]
    [InlineData(RunEnding.Killed, null, FailureReasons.Killed, ExitCodes.ServiceError, FailureReasons.Killed)]
    [InlineData(RunEnding.Killed, null, FailureReasons.Shutdown, ExitCodes.ServiceError, FailureReasons.Shutdown)]
    [InlineData(RunEnding.Killed, null, null, ExitCodes.ServiceError, FailureReasons.Killed)]
    [InlineData(RunEnding.TimedOut, null, FailureReasons.Killed, ExitCodes.ServiceError, FailureReasons.TimedOut)]
    [InlineData(RunEnding.NotStarted, null, null, ExitCodes.ServiceError, FailureReasons.StartFailed)]
    public void A_runs_ending_becomes_the_sessions_exit_code_and_reason(RunEnding ending, int? processExitCode, string? stopReason, int exitCode, string? reason)
    {
        var running = SessionTransitions.Created("s", Request, false, Now, "silo");

        var finished = SessionTransitions.Finished(running, new ProcessOutcome(ending, processExitCode, [], false, TimeSpan.Zero), stopReason, Now);

        Assert.Equal((exitCode, reason), (finished.ExitCode, finished.FailureReason));
    }

    private static SessionRule Refusal(Func<SessionRecord> transition) => Assert.Throws<SessionRuleException>(transition).Rule;
}
