using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Outages: while the service a store depends on is down, every operation (read, write, clear,
/// list, retention) answers <see cref="SessionStoreUnavailableException"/>, which every layer
/// above knows as "503, retry", never the driver's own exception; nothing stored before is lost,
/// nothing refused lands, and once the service is back every operation works at once, restart or
/// not. Each store has one class deriving from this one; these cases stop and start the service,
/// so a store stands up on a service of its own here.
/// </summary>
/// <remarks>
/// A store with no such service (<see cref="ISessionStoreUnderTest.CanHaveOutage"/> false) has no
/// outage to test, and none is faked: its class overrides each case with <see cref="KeepsServingAsync"/>.
/// </remarks>
public abstract class SessionStoreOutageConformance(ISessionStoreUnderTest store) : IAsyncLifetime
{
    private const string NeedsAService = "The outage cases stop the store's service; a store without one overrides them with KeepsServingAsync.";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public Task InitializeAsync() => store.StartAsync();

    public async Task DisposeAsync() => await store.DisposeAsync();

    private static SessionRecord Running() => new()
    {
        Id = Guid.NewGuid().ToString(),
        Request = Requests.Bash("echo kept"),
        Status = SessionStatus.Running,
        StartDate = Now - TimeSpan.FromDays(30),
        Silo = "127.0.0.1:11111@1",
    };

    /// <summary><paramref name="session"/> done, ended long enough ago for a sweep to delete it.</summary>
    private static SessionRecord Aged(SessionRecord session) =>
        session with { Status = SessionStatus.Done, ExitCode = 0, EndDate = Now - MaxAge - TimeSpan.FromDays(1), Output = "kept\n"u8.ToArray() };

    private RetentionSweeper Sweeper() => store.Sweeper(MaxAge, new SettableClock(Now));

    [Fact]
    public virtual async Task While_its_service_is_down_every_operation_answers_store_unavailable_and_nothing_stored_is_lost()
    {
        Assert.True(store.CanHaveOutage, NeedsAService);
        var running = Running();
        var runningState = await store.StoreAsync(running);
        var aged = Aged(Running());
        var agedState = await store.StoreAsync(aged);
        var finished = Aged(running) with { EndDate = Now };
        using var sweeper = Sweeper();
        await store.StopBackingServiceAsync();

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.ReadAsync(running.Id));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.WriteAsync(SessionStoreUnderTestExtensions.StateOf(finished, runningState.ETag)));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.StoreAsync(Running()));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.ClearAsync(aged.Id, agedState));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => store.ListAsync(new SessionQuery()));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => sweeper.SweepAsync(CancellationToken.None));

        await store.StartBackingServiceAsync();
        var runningRead = await store.ReadAsync(running.Id);
        Assert.Equal(runningState.ETag, runningRead.ETag);
        SessionRecordAssert.Equal(running, runningRead.State!.Session!);
        var agedRead = await store.ReadAsync(aged.Id);
        SessionRecordAssert.Equal(aged, agedRead.State!.Session!);
        Assert.Equal(new[] { running.Id, aged.Id }.Order(), (await store.ListedIdsAsync()).Order());

        // What was refused during the outage goes through now, with the etags its callers still hold.
        await store.WriteAsync(SessionStoreUnderTestExtensions.StateOf(finished, runningState.ETag));
        SessionRecordAssert.Equal(finished, (await store.ReadAsync(running.Id)).State!.Session!);
        await store.StoreAsync(Running());
        await store.ClearAsync(aged.Id, agedState);
        Assert.False((await store.ReadAsync(aged.Id)).RecordExists);
        Assert.Equal(2, (await store.ListAsync(new SessionQuery { Count = SessionCount.Exact })).Total);
        await store.StoreAsync(Aged(Running()));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public virtual async Task After_its_service_restarts_each_operation_succeeds_at_once()
    {
        Assert.True(store.CanHaveOutage, NeedsAService);
        var running = Running();
        var state = await store.StoreAsync(running);
        var aged = Aged(Running());
        await store.StoreAsync(aged);
        using var sweeper = Sweeper();

        // Each operation is the first after a restart of its own, so each meets the connections the restart ended.
        await AfterRestartAsync(async () => SessionRecordAssert.Equal(running, (await store.ReadAsync(running.Id)).State!.Session!));
        await AfterRestartAsync(async () => Assert.Equal(2, (await store.ListAsync(new SessionQuery { Count = SessionCount.Exact })).Total));
        await AfterRestartAsync(async () =>
        {
            state.State!.Session = Aged(running) with { EndDate = Now };
            await store.WriteAsync(state);
        });
        await AfterRestartAsync(async () => await store.StoreAsync(Running()));
        await AfterRestartAsync(async () => Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None)));
        await AfterRestartAsync(() => store.ClearAsync(running.Id, state));

        Assert.False((await store.ReadAsync(aged.Id)).RecordExists);
        Assert.False((await store.ReadAsync(running.Id)).RecordExists);
    }

    /// <summary>Fills the store's pool with connections, restarts its service, then runs <paramref name="operation"/>.</summary>
    private async Task AfterRestartAsync(Func<Task> operation)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ListAsync(new SessionQuery())));
        await store.StopBackingServiceAsync();
        await store.StartBackingServiceAsync();
        await operation();
    }

    /// <summary>
    /// What a store without a service of its own shows in place of the outage cases: it declares it
    /// can have no outage, and every operation the outage cases try serves.
    /// </summary>
    protected async Task KeepsServingAsync()
    {
        Assert.False(store.CanHaveOutage);
        var running = Running();
        var state = await store.StoreAsync(running);
        var aged = Aged(Running());
        await store.StoreAsync(aged);
        using var sweeper = Sweeper();

        SessionRecordAssert.Equal(running, (await store.ReadAsync(running.Id)).State!.Session!);
        state.State!.Session = Aged(running) with { EndDate = Now };
        await store.WriteAsync(state);
        await store.StoreAsync(Running());
        Assert.Equal(3, (await store.ListAsync(new SessionQuery { Count = SessionCount.Exact })).Total);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        await store.ClearAsync(running.Id, state);
        Assert.Single(await store.ListedIdsAsync());
    }
}
