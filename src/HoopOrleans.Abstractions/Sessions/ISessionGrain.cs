namespace HoopOrleans.Sessions;

/// <summary>
/// One session: a single run of a script on a connection. The grain keyed by the session id owns
/// the run's process from start to exit and is the only place that decides the session's state.
/// Every answer shows the session as storage holds it: a result still being stored reads as
/// running, so no answer is ever taken back.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run described by <paramref name="request"/> unless this session already exists,
    /// then waits up to <paramref name="wait"/> for it to finish. A session runs its script at most
    /// once: calling this again never starts a second process; with the same request it answers
    /// with the session as it stands, which makes retries (idempotency keys) safe.
    /// </summary>
    /// <param name="request">What to run and who asked.</param>
    /// <param name="wait">
    /// How long to wait for the run to end before answering with the session still running.
    /// Capped at <see cref="SessionLimits.MaxCallWait"/> so the call ends well inside the grain call timeout.
    /// </param>
    /// <returns>The session as it stands when the run ended or the wait did.</returns>
    /// <exception cref="UnknownConnectionException">The connection is not configured on this node.</exception>
    /// <exception cref="CapacityExceededException">This node runs as many processes as it may.</exception>
    /// <exception cref="IdempotencyConflictException">The session exists with a different request.</exception>
    Task<SessionRecord> Run(SessionRequest request, TimeSpan wait);

    /// <summary>
    /// Reads the session, waiting up to <paramref name="wait"/> for it to finish first. Reading an
    /// id that was never used creates no record.
    /// </summary>
    /// <param name="viewer">Who reads: a session they may not see answers as if it did not exist.</param>
    /// <param name="wait">How long to wait for a running session to end; capped like <see cref="Run"/>.</param>
    /// <returns>The session, or <see langword="null"/> when no session has this id.</returns>
    Task<SessionRecord?> Get(SessionActor viewer, TimeSpan wait);

    /// <summary>
    /// Records a reviewer's decision on a session waiting for review: approval makes it
    /// <c>ready</c>, rejection makes it <c>done</c> and <c>failed</c> without running anything.
    /// </summary>
    /// <param name="reviewer">Who decides; never the requester. A session they may not see answers as if it did not exist.</param>
    /// <param name="approved">Approve or reject.</param>
    /// <param name="rejectionReason">Why, when rejecting.</param>
    /// <returns>The session afterwards, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="SessionRuleException">
    /// The reviewer is the requester, or the session is not waiting for review: a session that has
    /// waited past <c>Retention:ReviewMaxAge</c> is expired by this call first, and then refused.
    /// </exception>
    Task<SessionRecord?> Review(SessionActor reviewer, bool approved, string? rejectionReason);

    /// <summary>
    /// Ends the session as <c>failed</c>, "review expired", when it has waited for its review longer
    /// than <c>Retention:ReviewMaxAge</c>; any other session is left as it is. The service's review
    /// expiry sweep calls it; the grain decides, by its own record and clock.
    /// </summary>
    /// <returns>Whether this call ended it.</returns>
    Task<bool> ExpireReview();

    /// <summary>
    /// Runs an approved session, exactly once, then waits like <see cref="Run"/>. Any later call,
    /// from anywhere, is refused.
    /// </summary>
    /// <param name="requester">
    /// Who asks; only the session's requester may, and only while its key may still use the
    /// session's connection. A session they may not see answers as if it did not exist.
    /// </param>
    /// <param name="wait">How long to wait for the run to end.</param>
    /// <returns>The session, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="SessionRuleException">Not the requester, the key no longer may use the connection, not approved, or already run.</exception>
    Task<SessionRecord?> Exec(SessionActor requester, TimeSpan wait);

    /// <summary>
    /// Ends the run's whole process tree (SIGTERM, then SIGKILL after a short grace) and waits
    /// briefly for the session to record it: <c>done</c>, exit code 254, failure reason "killed".
    /// A finished session is left as it is. Only the requester or an admin may kill a session.
    /// </summary>
    /// <param name="by">Who kills it: checked against the requester, and named in the audit trail. A session they may not see answers as if it did not exist.</param>
    /// <returns>The session afterwards, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="SessionRuleException">Neither the requester nor an admin.</exception>
    Task<SessionRecord?> Kill(SessionActor by);

    /// <summary>
    /// Deletes a finished session from storage: afterwards the id reads as never used. Only the
    /// requester or an admin may; a session that has not ended (or whose result is still being
    /// stored) cannot be deleted.
    /// </summary>
    /// <param name="by">Who deletes it: checked against the requester, and named in the audit trail. A session they may not see answers as if it did not exist.</param>
    /// <returns>The session as it was, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="SessionRuleException">Neither the requester nor an admin, or the session has not ended.</exception>
    Task<SessionRecord?> Delete(SessionActor by);

    /// <summary>
    /// Reads the output from <paramref name="offset"/> on, as it is produced: when there is nothing
    /// past the offset yet, waits up to <paramref name="wait"/> for more. Callers ask for the next
    /// piece only after they have passed this one on, so a slow reader holds no output anywhere.
    /// </summary>
    /// <param name="viewer">Who reads: a session they may not see answers as if it did not exist.</param>
    /// <param name="offset">The byte offset to read from.</param>
    /// <param name="maxBytes">The most bytes to return.</param>
    /// <param name="wait">How long to wait for output; capped like <see cref="Run"/>.</param>
    /// <returns>The piece, or <see langword="null"/> when no session has this id.</returns>
    Task<OutputChunk?> ReadOutput(SessionActor viewer, long offset, int maxBytes, TimeSpan wait);

    /// <summary>
    /// Whether this session holds a place among its requester's runs: a run being reserved,
    /// started or still storing its result, in this very activation. A session whose node died
    /// holds none (its new activation settles it as lost first). <see cref="ICallerRunsGrain"/>
    /// asks this of the runs it counts when a caller is at its bound, so a run whose release never
    /// came does not hold its place for ever.
    /// </summary>
    Task<bool> HoldsRun();
}
