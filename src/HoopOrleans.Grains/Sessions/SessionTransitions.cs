using HoopOrleans.Processes;

namespace HoopOrleans.Sessions;

/// <summary>
/// A session's rules as pure functions: a record in, the next record out, or a
/// <see cref="SessionRuleException"/> saying which rule refused. No clock, storage or process
/// here: the grain passes the time and the silo in and acts on what comes back, so every rule is
/// tested without a cluster.
/// </summary>
public static class SessionTransitions
{
    /// <summary>A new session: running at once, or waiting for a review when its connection asks for one.</summary>
    /// <param name="profile">The connection's type, subtype and tags; <see cref="ConnectionProfile.Custom"/> when null.</param>
    public static SessionRecord Created(string id, SessionRequest request, bool review, DateTimeOffset now, string silo, ConnectionProfile? profile = null) => new()
    {
        Profile = profile ?? ConnectionProfile.Custom,
        Id = id,
        Request = request,
        Status = review ? SessionStatus.Open : SessionStatus.Running,
        StartDate = now,
        HasReview = review,
        Review = review ? new SessionReview { Status = SessionReview.Pending } : null,
        Silo = review ? null : silo,
    };

    /// <summary>The same request again is answered with the session as it stands; a different one is a conflict.</summary>
    /// <exception cref="IdempotencyConflictException">The session exists with another request.</exception>
    public static void CheckSameRequest(SessionRecord session, SessionRequest request)
    {
        if (!session.Request.Matches(request))
        {
            throw new IdempotencyConflictException();
        }
    }

    /// <summary>
    /// Whether the session exists for <paramref name="actor"/> at all (<see cref="SessionScope"/>):
    /// its requester, a key that sees every session, or a reviewer for a session that asks for
    /// review. The rest are told nothing, exactly as for an id never used.
    /// </summary>
    public static bool MaySee(SessionRecord session, SessionActor actor) => SessionScope.Of(actor).Contains(session);

    /// <summary>A reviewer's decision: approval makes the session ready, rejection ends it without a run.</summary>
    /// <param name="reviewsOwn">The reviewer may review its own session (see <see cref="SessionActor.ReviewsOwn"/>).</param>
    public static SessionRecord Reviewed(SessionRecord session, string reviewer, bool approved, string? rejectionReason, DateTimeOffset now, bool reviewsOwn = false)
    {
        if (session.Status != SessionStatus.Open)
        {
            throw new SessionRuleException(SessionRule.Conflict, "the session is not waiting for a review");
        }

        if (session.Request.User == reviewer && !reviewsOwn)
        {
            throw new SessionRuleException(SessionRule.Forbidden, "a session cannot be reviewed by its requester");
        }

        var review = new SessionReview
        {
            Status = approved ? SessionReview.Approved : SessionReview.Rejected,
            ReviewedBy = reviewer,
            ReviewDate = now,
            RejectionReason = approved ? null : rejectionReason,
        };
        return approved
            ? session with { Status = SessionStatus.Ready, Review = review }
            : Ended(session with { Review = review }, FailureReasons.Rejected, now);
    }

    /// <summary>
    /// The run of an approved session, by its requester, exactly once, and only while the
    /// requester's key may still use the session's connection: approval may come days after the
    /// request, and a key whose scope lost the connection meanwhile must not run on it.
    /// </summary>
    public static SessionRecord Executing(SessionRecord session, SessionActor requester, string silo)
    {
        if (session.Request.User != requester.Name)
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester may run this session");
        }

        return session.Status switch
        {
            SessionStatus.Open => throw new SessionRuleException(SessionRule.Forbidden, "the session has not been approved"),
            SessionStatus.Done when session.FailureReason == FailureReasons.ReviewExpired => throw new SessionRuleException(SessionRule.Forbidden, "the session's review expired"),
            SessionStatus.Done when session.Review?.Status == SessionReview.Rejected => throw new SessionRuleException(SessionRule.Forbidden, "the session was rejected"),
            SessionStatus.Running or SessionStatus.Done => throw new SessionRuleException(SessionRule.Conflict, "the session has already run or ended"),
            _ when !requester.MayUse(session.Request.Connection) => throw new SessionRuleException(SessionRule.Forbidden, $"this key may no longer use connection {session.Request.Connection}"),
            _ => session with { Status = SessionStatus.Running, Silo = silo },
        };
    }

    /// <summary>
    /// A session that has waited for its review longer than <paramref name="maxAge"/>
    /// (<c>Retention:ReviewMaxAge</c>): ended without a run, <c>failed</c>, "review expired", its
    /// review closed as rejected with that reason and no reviewer (hoop's review states have no
    /// "expired", and a review left <c>PENDING</c> would still list as waiting). Null while it may
    /// still be reviewed, and for every session not waiting.
    /// </summary>
    public static SessionRecord? ReviewExpired(SessionRecord session, TimeSpan maxAge, DateTimeOffset now)
    {
        if (session.Status != SessionStatus.Open || session.StartDate >= now - maxAge)
        {
            return null;
        }

        var review = (session.Review ?? new SessionReview { Status = SessionReview.Pending }) with
        {
            Status = SessionReview.Rejected,
            ReviewDate = now,
            RejectionReason = FailureReasons.ReviewExpired,
        };
        return Ended(session with { Review = review }, FailureReasons.ReviewExpired, now);
    }

    /// <exception cref="SessionRuleException">Neither the requester nor an admin.</exception>
    public static void CheckMayKill(SessionRecord session, SessionActor by)
    {
        if (!IsOwnerOrAdmin(session, by))
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester or an admin may kill this session");
        }
    }

    /// <summary>A finished session may be deleted by its requester or an admin, once its result is stored.</summary>
    public static void CheckMayDelete(SessionRecord session, SessionActor by, bool resultStored)
    {
        if (!IsOwnerOrAdmin(session, by))
        {
            throw new SessionRuleException(SessionRule.Forbidden, "only the requester or an admin may delete this session");
        }

        if (!session.IsDone || !resultStored)
        {
            throw new SessionRuleException(SessionRule.Conflict, "the session has not ended");
        }
    }

    /// <summary>A session whose program never ran: killed before it started, rejected, or its start failed.</summary>
    public static SessionRecord Ended(SessionRecord session, string? failureReason, DateTimeOffset now) => session with
    {
        Status = SessionStatus.Done,
        ExitCode = ExitCodes.ServiceError,
        FailureReason = failureReason,
        EndDate = now,
    };

    /// <summary>
    /// A run's result: the program's own exit code when it exited by itself, else the service's
    /// (<see cref="ExitCodes.ServiceError"/>) with the reason it ended.
    /// </summary>
    /// <param name="stopReason">Why the session stopped its run, for a run that was killed.</param>
    public static SessionRecord Finished(SessionRecord session, ProcessOutcome outcome, string? stopReason, DateTimeOffset now) => session with
    {
        Status = SessionStatus.Done,
        ExitCode = outcome.Ending == RunEnding.Exited ? outcome.ExitCode ?? ExitCodes.ServiceError : ExitCodes.ServiceError,
        Output = outcome.Output,
        Truncated = outcome.Truncated,
        ExecutionTimeMs = (long)outcome.ExecutionTime.TotalMilliseconds,
        FailureReason = outcome.Ending switch
        {
            RunEnding.Exited => null,
            RunEnding.Killed => stopReason ?? FailureReasons.Killed,
            RunEnding.TimedOut => FailureReasons.TimedOut,
            _ => FailureReasons.StartFailed,
        },
        EndDate = now,
    };

    /// <summary>A session stored as running that no process of this activation runs: its node died with it.</summary>
    public static SessionRecord Lost(SessionRecord session, DateTimeOffset now) => session with
    {
        Status = SessionStatus.Done,
        ExitCode = ExitCodes.Lost,
        FailureReason = FailureReasons.Lost,
        EndDate = now,
    };

    private static bool IsOwnerOrAdmin(SessionRecord session, SessionActor by) => by.IsAdmin || by.Name == session.Request.User;
}
