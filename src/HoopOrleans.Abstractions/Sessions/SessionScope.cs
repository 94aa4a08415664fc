namespace HoopOrleans.Sessions;

/// <summary>
/// Which sessions an actor sees: the one statement of that rule. The session's grain applies it to
/// every read and action (a session outside the scope answers as if it did not exist), and every
/// store lists by it: the in-memory store through <see cref="Contains"/>, PostgreSQL through a
/// condition built from <see cref="Owner"/> and <see cref="WithReviews"/>; the storage conformance
/// tests run the same actors and sessions through both.
/// </summary>
/// <param name="Owner">Whose sessions: null when the actor sees every session (an admin or auditor).</param>
/// <param name="WithReviews">Every session that asks for a review is in scope too (a reviewer).</param>
public readonly record struct SessionScope(string? Owner, bool WithReviews)
{
    /// <summary>Every session.</summary>
    public static SessionScope All => new(null, false);

    /// <summary>What <paramref name="actor"/> sees: everything with the admin or auditor role, else its own sessions, and a reviewer every session that asks for a review.</summary>
    public static SessionScope Of(SessionActor actor) =>
        actor.IsAdmin || actor.SeesAll ? All : new SessionScope(actor.Name, actor.IsReviewer);

    /// <summary>The scope holds every session.</summary>
    public bool IsAll => Owner is null;

    /// <summary>Whether <paramref name="session"/> is in this scope.</summary>
    public bool Contains(SessionRecord session) =>
        Owner is null || session.Request.User == Owner || (WithReviews && session.HasReview);
}
