using HoopOrleans.Sessions;

namespace HoopOrleans.Storage;

/// <summary>
/// Which sessions to list, with hoop.dev's filters. Names (user, connection, type) match without
/// regard to case; a null filter matches every session.
/// </summary>
public sealed record SessionQuery
{
    /// <summary>Where a capped count stops, as hoop.dev's does.</summary>
    public const int CountCap = 10_000;

    /// <summary>The most sessions on the page.</summary>
    public int Limit { get; init; } = 20;

    /// <summary>How many matching sessions to skip first.</summary>
    public int Offset { get; init; }

    /// <summary>Only what the caller may see (<see cref="SessionScope"/>, the rule reads and actions follow too).</summary>
    public SessionScope Scope { get; init; } = SessionScope.All;

    /// <summary>Only the sessions this user made.</summary>
    public string? User { get; init; }

    /// <summary>Only this connection's.</summary>
    public string? Connection { get; init; }

    /// <summary>Only sessions on connections of this type.</summary>
    public string? Type { get; init; }

    /// <summary>Only sessions in this state.</summary>
    public SessionStatus? Status { get; init; }

    /// <summary>Only sessions whose review is in this state (<c>PENDING</c>, …); the empty string for sessions without a review.</summary>
    public string? ReviewStatus { get; init; }

    /// <summary>Only sessions with a review that this key may give.</summary>
    public SessionReviewer? ReviewableBy { get; init; }

    /// <summary>Only sessions started at or after this time.</summary>
    public DateTimeOffset? StartedFrom { get; init; }

    /// <summary>Only sessions started before this time.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>How to count the matching sessions.</summary>
    public SessionCount Count { get; init; } = SessionCount.Capped;

    /// <summary>Whether <paramref name="session"/> is one this query lists.</summary>
    public bool Matches(SessionRecord session) =>
        Scope.Contains(session)
        && Same(User, session.Request.User)
        && Same(Connection, session.Request.Connection)
        && Same(Type, session.Profile.Type)
        && (Status is null || session.Status == Status)
        && (ReviewStatus is null || (ReviewStatus.Length == 0 ? session.Review is null : session.Review?.Status == ReviewStatus))
        && (ReviewableBy is null || ReviewableBy.MayReview(session))
        && (StartedFrom is null || session.StartDate >= StartedFrom)
        && (StartedBefore is null || session.StartDate < StartedBefore);

    private static bool Same(string? wanted, string value) => wanted is null || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);
}
