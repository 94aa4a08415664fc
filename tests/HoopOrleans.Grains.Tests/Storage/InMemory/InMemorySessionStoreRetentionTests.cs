using HoopOrleans.Storage.InMemory;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Storage.InMemory;

/// <summary>
/// Retention as only the embedded store has it: the bytes its sessions take, kept under a cap at
/// every write (the largest holder's oldest finished sessions first) and given back by the age sweep. Which sessions the age sweep deletes is the
/// conformance suite's (Storage/Conformance), the same for every store.
/// </summary>
public sealed class InMemorySessionStoreRetentionTests
{
    private const string StateName = "session";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    private static SessionRecord Running(DateTimeOffset start, string script = "echo hi") => new()
    {
        Id = ClusterFixture.NewId(),
        Request = Requests.Bash(script),
        Status = SessionStatus.Running,
        StartDate = start,
    };

    private static SessionRecord Done(SessionRecord running, DateTimeOffset end, int outputBytes = 0) => running with
    {
        Status = SessionStatus.Done,
        ExitCode = 0,
        EndDate = end,
        Output = new byte[outputBytes],
    };

    private static SessionRecord By(string user, SessionRecord session) => session with { Request = session.Request with { User = user } };

    private static GrainId GrainIdOf(string id) => GrainId.Create("session", id);

    /// <summary>Writes a session as its grain does: first running, then, if asked, done.</summary>
    private static async Task<SessionRecord> StoreAsync(InMemorySessionStore store, SessionRecord running, DateTimeOffset? end = null, int outputBytes = 0)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = running });
        await store.WriteStateAsync(StateName, GrainIdOf(running.Id), state);
        if (end is { } ended)
        {
            state.State!.Session = Done(running, ended, outputBytes);
            await store.WriteStateAsync(StateName, GrainIdOf(running.Id), state);
        }

        return state.State!.Session!;
    }

    private static async Task<bool> ExistsAsync(InMemorySessionStore store, string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await store.ReadStateAsync(StateName, GrainIdOf(id), state);
        return state.RecordExists;
    }

    private static async Task<string[]> ListedAsync(InMemorySessionStore store) =>
        [.. (await store.ListAsync(new SessionQuery { Limit = 100 }, CancellationToken.None)).Sessions.Select(s => s.Session.Id)];

    private static InMemoryRetentionSweeper Sweeper(InMemorySessionStore store, TimeProvider time) =>
        new(store, Options.Create(new RetentionOptions { MaxAge = MaxAge }), time, NullLogger<InMemoryRetentionSweeper>.Instance);

    [Fact]
    public async Task The_age_sweep_gives_back_the_bytes_of_what_it_deletes()
    {
        var store = new InMemorySessionStore();
        var longAgo = Now - MaxAge - TimeSpan.FromDays(10);
        await StoreAsync(store, Running(longAgo), end: Now - MaxAge - TimeSpan.FromSeconds(1), outputBytes: 1000);
        var young = await StoreAsync(store, Running(longAgo), end: Now - TimeSpan.FromHours(1), outputBytes: 1000);
        var stillRunning = await StoreAsync(store, Running(longAgo));
        var clock = new SettableClock(Now);

        Assert.Equal(1, await Sweeper(store, clock).SweepAsync(CancellationToken.None));
        Assert.Equal(SessionRecordSize.Of(young) + SessionRecordSize.Of(stillRunning), store.StoredBytes);

        clock.Now += MaxAge;
        Assert.Equal(1, await Sweeper(store, clock).SweepAsync(CancellationToken.None));
        Assert.Equal(SessionRecordSize.Of(stillRunning), store.StoredBytes);
    }

    [Fact]
    public async Task The_age_sweep_takes_the_aged_sessions_of_every_user_and_leaves_each_ones_younger()
    {
        // The store indexes finished sessions by user only, and the sweep walks each user's oldest.
        var store = new InMemorySessionStore();
        var longAgo = Now - MaxAge - TimeSpan.FromDays(10);
        var aged = Now - MaxAge - TimeSpan.FromSeconds(1);
        var young = Now - TimeSpan.FromHours(1);
        await StoreAsync(store, By("ana", Running(longAgo)), end: aged);
        await StoreAsync(store, By("ana", Running(longAgo)), end: aged - TimeSpan.FromDays(1));
        await StoreAsync(store, By("bob", Running(longAgo)), end: aged);
        var bobYoung = await StoreAsync(store, By("bob", Running(longAgo)), end: young);
        var carlYoung = await StoreAsync(store, By("carl", Running(longAgo)), end: young);
        var clock = new SettableClock(Now);

        Assert.Equal(3, await Sweeper(store, clock).SweepAsync(CancellationToken.None));
        Assert.Equal(new[] { bobYoung.Id, carlYoung.Id }.Order(), (await ListedAsync(store)).Order());
        Assert.Equal(SessionRecordSize.Of(bobYoung) + SessionRecordSize.Of(carlYoung), store.StoredBytes);

        // A user whose every session went starts again with the next one, which ages out in turn.
        await StoreAsync(store, By("ana", Running(Now)), end: Now);
        clock.Now += MaxAge + TimeSpan.FromHours(2);
        Assert.Equal(3, await Sweeper(store, clock).SweepAsync(CancellationToken.None));
        Assert.Empty(await ListedAsync(store));
        Assert.Equal(0, store.StoredBytes);
    }

    [Fact]
    public async Task Past_the_byte_cap_the_write_that_finishes_a_session_deletes_the_oldest_finished_first()
    {
        var running = Running(Now - TimeSpan.FromDays(3));
        // Ended first though started last: "oldest" is by end date, as for the age.
        var first = Running(Now - TimeSpan.FromHours(1));
        var second = Running(Now - TimeSpan.FromHours(5));
        var third = Running(Now - TimeSpan.FromHours(4));
        var size = SessionRecordSize.Of(Done(first, Now, 10_000));
        var store = new InMemorySessionStore(SessionRecordSize.Of(running) + 2 * size + size / 2);

        await StoreAsync(store, running);
        await StoreAsync(store, first, end: Now - TimeSpan.FromMinutes(30), outputBytes: 10_000);
        await StoreAsync(store, second, end: Now - TimeSpan.FromMinutes(20), outputBytes: 10_000);
        var beforeThird = await ListedAsync(store);
        await StoreAsync(store, third, end: Now - TimeSpan.FromMinutes(10), outputBytes: 10_000);

        Assert.Equal(3, beforeThird.Length);
        Assert.False(await ExistsAsync(store, first.Id));
        Assert.True(await ExistsAsync(store, second.Id));
        Assert.True(await ExistsAsync(store, third.Id));
        Assert.True(await ExistsAsync(store, running.Id));
        Assert.Equal(new[] { running.Id, second.Id, third.Id }.Order(), (await ListedAsync(store)).Order());
        Assert.Equal(SessionRecordSize.Of(running) + 2 * size, store.StoredBytes);
    }

    [Fact]
    public async Task One_users_flood_of_large_outputs_evicts_that_users_oldest_sessions_and_leaves_the_others_history()
    {
        // Bob's few small sessions are the oldest in the store: oldest-first alone would take them first.
        var bob = Enumerable.Range(0, 2).Select(i => By("bob", Running(Now - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(i)))).ToArray();
        var alice = Enumerable.Range(0, 10).Select(i => By("alice", Running(Now - TimeSpan.FromHours(10) + TimeSpan.FromMinutes(i)))).ToArray();
        var small = SessionRecordSize.Of(Done(bob[0], Now, 100));
        var large = SessionRecordSize.Of(Done(alice[0], Now, 100_000));
        var store = new InMemorySessionStore(2 * small + 5 * large + large / 2);

        foreach (var session in bob)
        {
            await StoreAsync(store, session, end: session.StartDate + TimeSpan.FromSeconds(1), outputBytes: 100);
        }

        foreach (var session in alice)
        {
            await StoreAsync(store, session, end: session.StartDate + TimeSpan.FromSeconds(1), outputBytes: 100_000);
        }

        var bobsKept = await Task.WhenAll(bob.Select(session => ExistsAsync(store, session.Id)));
        var alicesKept = await Task.WhenAll(alice.Select(session => ExistsAsync(store, session.Id)));

        Assert.Equal([true, true], bobsKept);
        Assert.Equal([false, false, false, false, false, true, true, true, true, true], alicesKept);
        Assert.Equal(2 * small + 5 * large, store.StoredBytes);
    }

    [Fact]
    public async Task Once_the_flooder_holds_less_than_another_user_that_user_gives_its_oldest_first()
    {
        var bob = Enumerable.Range(0, 3).Select(i => By("bob", Running(Now - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(i)))).ToArray();
        var alice = By("alice", Running(Now - TimeSpan.FromHours(1)));
        var medium = SessionRecordSize.Of(Done(bob[0], Now, 10_000));
        var store = new InMemorySessionStore(3 * medium + medium / 2);
        foreach (var session in bob)
        {
            await StoreAsync(store, session, end: session.StartDate + TimeSpan.FromSeconds(1), outputBytes: 10_000);
        }

        // Alice's one session is smaller than Bob's three together: Bob, the largest holder, gives.
        await StoreAsync(store, alice, end: Now, outputBytes: 5_000);

        Assert.False(await ExistsAsync(store, bob[0].Id));
        Assert.True(await ExistsAsync(store, bob[1].Id));
        Assert.True(await ExistsAsync(store, bob[2].Id));
        Assert.True(await ExistsAsync(store, alice.Id));
    }

    [Fact]
    public async Task Sessions_not_done_are_never_deleted_for_the_byte_cap_even_when_they_alone_exceed_it()
    {
        var running = Running(Now - TimeSpan.FromDays(3), script: new string('x', 4096));
        var open = Running(Now - TimeSpan.FromDays(3)) with { Status = SessionStatus.Open, HasReview = true };
        var store = new InMemorySessionStore(SessionRecordSize.Of(running));
        await StoreAsync(store, running);
        await StoreAsync(store, open);

        var finished = await StoreAsync(store, Running(Now), end: Now, outputBytes: 100);

        Assert.True(await ExistsAsync(store, running.Id));
        Assert.True(await ExistsAsync(store, open.Id));
        Assert.False(await ExistsAsync(store, finished.Id));
        Assert.Equal(SessionRecordSize.Of(running) + SessionRecordSize.Of(open), store.StoredBytes);
    }

    [Fact]
    public async Task Under_the_cap_nothing_is_deleted_and_clearing_gives_the_bytes_back()
    {
        var store = new InMemorySessionStore(1024 * 1024);
        var sessions = new List<SessionRecord>();
        for (var i = 0; i < 10; i++)
        {
            sessions.Add(await StoreAsync(store, Running(Now.AddMinutes(i)), end: Now.AddMinutes(i + 1), outputBytes: 1000));
        }

        Assert.Equal(10, (await ListedAsync(store)).Length);
        Assert.Equal(sessions.Sum(SessionRecordSize.Of), store.StoredBytes);
        foreach (var session in sessions)
        {
            var state = new GrainState<SessionGrainState>(new SessionGrainState());
            await store.ReadStateAsync(StateName, GrainIdOf(session.Id), state);
            await store.ClearStateAsync(StateName, GrainIdOf(session.Id), state);
        }

        Assert.Equal(0, store.StoredBytes);
        Assert.Equal(0, store.DeleteFinishedBefore(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_record_counts_its_output_script_arguments_metadata_labels_and_ids()
    {
        var bare = Done(Running(Now) with { Request = Requests.Bash("") }, Now);
        var baseline = SessionRecordSize.Of(bare);

        Assert.True(baseline >= SessionRecordSize.PerRecordOverhead + 2 * bare.Id.Length);
        Assert.Equal(1000, SessionRecordSize.Of(bare with { Output = new byte[2000] }) - SessionRecordSize.Of(bare with { Output = new byte[1000] }));
        Assert.Equal(2000, SessionRecordSize.Of(bare with { Request = bare.Request with { Script = new string('s', 1004) } }) - SessionRecordSize.Of(bare with { Request = bare.Request with { Script = new string('s', 4) } }));
        Assert.Equal(2000, SessionRecordSize.Of(bare with { Request = bare.Request with { MetadataJson = $"\"{new string('m', 1002)}\"" } }) - SessionRecordSize.Of(bare with { Request = bare.Request with { MetadataJson = "\"mm\"" } }));
        Assert.Equal(2000, SessionRecordSize.Of(bare with { Request = bare.Request with { LabelsJson = $"\"{new string('l', 1002)}\"" } }) - SessionRecordSize.Of(bare with { Request = bare.Request with { LabelsJson = "\"ll\"" } }));
        // An argument costs its reference in the array and a string of its own.
        Assert.Equal(8 + 32, SessionRecordSize.Of(bare with { Request = bare.Request with { ClientArgs = ["abc"] } }) - baseline);
    }
}
