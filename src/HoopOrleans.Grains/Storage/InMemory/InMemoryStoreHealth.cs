namespace HoopOrleans.Storage.InMemory;

/// <summary>The embedded store lives in this process's memory: while the process answers, so does the store.</summary>
public sealed class InMemoryStoreHealth : ISessionStoreHealth
{
    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
