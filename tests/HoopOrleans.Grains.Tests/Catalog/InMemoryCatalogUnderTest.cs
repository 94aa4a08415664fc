using HoopOrleans.Storage.InMemory;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Catalog;

/// <summary>The in-memory store as the shared catalog cases drive it.</summary>
public sealed class InMemoryCatalogUnderTest : ICatalogUnderTest
{
    private readonly InMemorySessionStore _store = new();

    public ISessionListing Catalog => _store;

    public Task StartAsync() => Task.CompletedTask;

    public Task AddAsync(SessionRecord session) =>
        _store.WriteStateAsync("session", GrainId.Create("session", session.Id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));

    public async Task AddManyAsync(SessionRecord session, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await AddAsync(session with { Id = Guid.NewGuid().ToString() });
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
