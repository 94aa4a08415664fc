using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// The contract every session store keeps, as Orleans' persistence test kit holds grain storages
/// to theirs: the same cases run against each store, through its grain storage, its listing and
/// its retention sweeper, so a store that passes can stand in for any other. Each store has one
/// class deriving from this one, which says how to stand it up (an <see cref="ISessionStoreUnderTest"/>);
/// the cases are in this class's other files, by area: reads, writes, deletion, listing filters,
/// listing pages, visibility and retention. Outages need a store whose service a test may stop,
/// so they are cases of their own (<see cref="SessionStoreOutageConformance"/>).
/// </summary>
/// <remarks>Every case stands up an empty store of its own (a database of its own in PostgreSQL), so cases never see each other's sessions.</remarks>
public abstract partial class SessionStoreConformance(ISessionStoreUnderTest store) : IAsyncLifetime
{
    /// <summary>The day the cases' sessions start on, unless a case says otherwise.</summary>
    private static readonly DateTimeOffset Day = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => store.StartAsync();

    public async Task DisposeAsync() => await store.DisposeAsync();

    /// <summary>A session as its grain's first write stores it: running <c>true</c> on <c>bash</c> for <c>tests</c>, under an id of its own.</summary>
    private static SessionRecord Running(DateTimeOffset? start = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Request = Requests.Bash("true"),
        Status = SessionStatus.Running,
        StartDate = start ?? Day,
    };

    /// <summary><paramref name="session"/> as its grain's last write stores it: done, with its exit code, output and end.</summary>
    private static SessionRecord Finished(SessionRecord session, DateTimeOffset end, byte[]? output = null) => session with
    {
        Status = SessionStatus.Done,
        ExitCode = 0,
        Output = output ?? [],
        EndDate = end,
    };
}
