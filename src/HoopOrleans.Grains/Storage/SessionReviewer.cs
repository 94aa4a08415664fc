using System.Collections.Immutable;
using HoopOrleans.Sessions;

namespace HoopOrleans.Storage;

/// <summary>A key as hoop.dev's <c>review.approver</c> filter names it: the sessions whose review it may give.</summary>
/// <param name="Name">The key's name.</param>
/// <param name="ReviewsOwn">It may review its own sessions too (the keyless caller, alone on its service).</param>
/// <param name="ReviewsAny">It may review at all (the <c>reviewer</c> or <c>admin</c> role); a key that may not approves no session.</param>
/// <param name="Connections">
/// The connections whose sessions it may review, as <see cref="SessionScope.ReviewConnections"/>
/// says for the same key: a reviewer's own connections, null for every one (<c>*</c>, an admin).
/// </param>
public sealed record SessionReviewer(string Name, bool ReviewsOwn, bool ReviewsAny = true, ImmutableArray<string>? Connections = null)
{
    /// <summary>Whether this key may give <paramref name="session"/>'s review.</summary>
    public bool MayReview(SessionRecord session) =>
        ReviewsAny && session.HasReview && (ReviewsOwn || session.Request.User != Name)
        && (Connections is not { } connections || connections.Contains(session.Request.Connection));
}
