using HoopOrleans.Connections;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// The embedded default's store as the conformance cases drive it: one <see cref="InMemorySessionStore"/>
/// without a byte cap (the cap is the in-memory store's own rule, with tests of its own), and its
/// run uids kept beside the homes of a root of the case's own (<see cref="HomeRootRunUids"/>).
/// </summary>
public sealed class InMemorySessionStoreUnderTest : ISessionStoreUnderTest
{
    private const string NoService = "The in-memory store keeps its sessions in this process's memory and depends on no service: there is nothing to stop or start.";

    private readonly InMemorySessionStore _store = new();

    public IGrainStorage Storage => _store;

    public ISessionListing Listing => _store;

    public IWaitingReviews WaitingReviews => _store;

    // Homes and their uids' ledger under a root of the case's own, which run users could pass through.
    private readonly string _homes = Directory.CreateTempSubdirectory("hoop-store-homes-").FullName;

    public IRunUids RunUids => field ??= new HomeRootRunUids(Options.Create(new RunSecurityOptions { RunHomeRoot = Path.Combine(_homes, "home") }));

    public bool CanHaveOutage => false;

    public Task StartAsync() => Task.CompletedTask;

    public async Task AddManyAsync(SessionRecord session, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await this.StoreAsync(session with { Id = Guid.NewGuid().ToString() });
        }
    }

    public RetentionSweeper Sweeper(TimeSpan maxAge, TimeProvider time) =>
        new InMemoryRetentionSweeper(_store, Options.Create(new RetentionOptions { MaxAge = maxAge }), time, NullLogger<InMemoryRetentionSweeper>.Instance);

    public Task StopBackingServiceAsync() => throw new NotSupportedException(NoService);

    public Task StartBackingServiceAsync() => throw new NotSupportedException(NoService);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_homes, recursive: true);
        return ValueTask.CompletedTask;
    }
}
