namespace HoopOrleans.Storage;

/// <summary>
/// Finds sessions without touching their grains: the sessions table in PostgreSQL mode, an
/// in-memory index in the embedded default.
/// </summary>
public interface ISessionListing
{
    /// <summary>One page of the sessions that match, newest first, and how many match, counted as the query asks.</summary>
    Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken);
}
