using System.Collections.Immutable;

namespace HoopOrleans.Sessions;

/// <summary>
/// Which sessions an actor sees: the one statement of that rule. The session's grain applies it to
/// every read and action (a session outside the scope answers as if it did not exist), and every
/// store lists by it: the in-memory store through <see cref="Contains"/>, PostgreSQL through a
/// condition built from <see cref="Owner"/>, <see cref="WithReviews"/> and
/// <see cref="ReviewConnections"/>; the storage conformance tests run the same actors and sessions
/// through both.
/// </summary>
/// <param name="Owner">Whose sessions: null when the actor sees every session (an admin or auditor).</param>
/// <param name="WithReviews">Sessions that ask for a review are in scope too (a reviewer), on <paramref name="ReviewConnections"/>.</param>
/// <param name="ReviewConnections">
/// The connections whose sessions with a review are in scope: the reviewer key's own
/// (<c>Auth:Keys:&lt;name&gt;:Connections</c>), null for every connection (<c>*</c>). A reviewer
/// of one team's connection must not read, nor approve, the scripts sent to another's.
/// </param>
public readonly record struct SessionScope(string? Owner, bool WithReviews, ImmutableArray<string>? ReviewConnections = null)
{
    /// <summary>Every session.</summary>
    public static SessionScope All => new(null, false);

    /// <summary>
    /// What <paramref name="actor"/> sees: everything with the admin or auditor role, else its own
    /// sessions (on any connection: a key that lost a connection still sees what it ran there), and
    /// a reviewer every session that asks for a review on a connection its key may use.
    /// </summary>
    public static SessionScope Of(SessionActor actor) =>
        actor.IsAdmin || actor.SeesAll ? All : new SessionScope(actor.Name, actor.IsReviewer, actor.Connections);

    /// <summary>The scope holds every session.</summary>
    public bool IsAll => Owner is null;

    /// <summary>Whether <paramref name="session"/> is in this scope.</summary>
    public bool Contains(SessionRecord session) =>
        Owner is null
        || session.Request.User == Owner
        || (WithReviews && session.HasReview && (ReviewConnections is not { } connections || connections.Contains(session.Request.Connection)));
}
