namespace HoopOrleans.Storage;

/// <summary>Whether the session store answers now: what a node's readiness probe asks of it.</summary>
public interface ISessionStoreHealth
{
    /// <summary>Completes when the store answered; throws <see cref="Sessions.SessionStoreUnavailableException"/> when it did not.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
