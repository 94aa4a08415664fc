using HoopOrleans.Sessions;

namespace HoopOrleans.Catalog;

/// <summary>
/// Finds sessions without touching their grains: the sessions table in PostgreSQL mode, an
/// in-memory index in the embedded default.
/// </summary>
public interface ISessionCatalog
{
    /// <summary>One page of the sessions that match, newest first, and how many match in all.</summary>
    Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken);
}

/// <summary>Which sessions to list.</summary>
/// <param name="Connection">Only this connection's.</param>
/// <param name="Status">Only sessions in this state.</param>
/// <param name="StartedFrom">Only sessions started at or after this time.</param>
/// <param name="StartedBefore">Only sessions started before this time.</param>
/// <param name="Limit">The most sessions on the page.</param>
/// <param name="Offset">How many matching sessions to skip first.</param>
/// <param name="User">Only the sessions this key made.</param>
public sealed record SessionQuery(string? Connection, SessionStatus? Status, DateTimeOffset? StartedFrom, DateTimeOffset? StartedBefore, int Limit, int Offset, string? User = null)
{
    public bool Matches(SessionRecord session) =>
        (User is null || session.Request.User == User)
        && (Connection is null || session.Request.Connection == Connection)
        && (Status is null || session.Status == Status)
        && (StartedFrom is null || session.StartDate >= StartedFrom)
        && (StartedBefore is null || session.StartDate < StartedBefore);
}

/// <summary>A page of sessions.</summary>
public sealed record SessionPage(IReadOnlyList<SessionRecord> Sessions, long Total, bool HasNextPage);
