namespace HoopOrleans.Sessions;

/// <summary>
/// The runs one caller (a key's name, or <c>anonymous</c>) has going anywhere in the cluster:
/// one activation per caller, keyed by its name, which every session grain asks before it
/// launches a run and tells when the run's final state is stored.
/// </summary>
public interface ICallerRunsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts the run of session <paramref name="sessionId"/> when fewer than
    /// <paramref name="limit"/> are counted (a session already counted keeps its place).
    /// </summary>
    /// <returns>Whether the run may go.</returns>
    Task<bool> TryReserve(string sessionId, int limit);

    /// <summary>The run of <paramref name="sessionId"/> has ended: it no longer counts.</summary>
    Task Release(string sessionId);
}
