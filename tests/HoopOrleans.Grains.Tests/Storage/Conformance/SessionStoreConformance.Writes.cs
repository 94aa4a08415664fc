using HoopOrleans.Sessions;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Writes: optimistic concurrency by etag, as Orleans' grain storage has it. A first write carries
/// no etag; every later one carries the etag of the write it follows, and a write whose etag is not
/// the stored one (stale, or none where a record is stored) is refused with
/// <see cref="InconsistentStateException"/> and changes nothing: of writers racing from one etag,
/// exactly one wins.
/// </summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>How many writers race in the race cases.</summary>
    private const int Racers = 4;

    [Fact]
    public async Task The_first_write_carries_no_etag_and_sets_one()
    {
        var session = Running();
        var state = await store.StoreAsync(session);

        Assert.NotNull(state.ETag);
        Assert.True(state.RecordExists);
        Assert.Equal(state.ETag, (await store.ReadAsync(session.Id)).ETag);
    }

    [Fact]
    public async Task A_first_write_that_carries_an_etag_is_refused_and_stores_nothing()
    {
        // An etag as the store hands them out, but another session's: none of this one's was ever handed out.
        var other = await store.StoreAsync(Running());
        var session = Running();

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(SessionStoreUnderTestExtensions.StateOf(session, other.ETag)));

        Assert.False((await store.ReadAsync(session.Id)).RecordExists);
        Assert.DoesNotContain(session.Id, await store.ListedIdsAsync());
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var session = Running();
        var state = await store.StoreAsync(session);
        var etags = new List<string?> { state.ETag };

        foreach (var next in new[] { session with { Silo = "a" }, Finished(session with { Silo = "a" }, Day.AddMinutes(1)) })
        {
            state.State!.Session = next;
            await store.WriteAsync(state);
            etags.Add(state.ETag);

            var read = await store.ReadAsync(session.Id);
            Assert.Equal(state.ETag, read.ETag);
            SessionRecordAssert.Equal(next, read.State!.Session!);
        }

        Assert.Equal(etags.Count, etags.Distinct().Count());
        Assert.DoesNotContain(null, etags);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var session = Running();
        var first = await store.StoreAsync(session);
        var stale = first.ETag;
        var done = Finished(session, Day.AddMinutes(1));
        first.State!.Session = done;
        await store.WriteAsync(first);

        var late = SessionStoreUnderTestExtensions.StateOf(Finished(session, Day.AddMinutes(2)) with { ExitCode = ExitCodes.Lost }, stale);
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(late));

        var read = await store.ReadAsync(session.Id);
        Assert.Equal(first.ETag, read.ETag);
        SessionRecordAssert.Equal(done, read.State!.Session!);
    }

    [Fact]
    public async Task A_write_without_an_etag_over_a_stored_session_is_refused_and_changes_nothing()
    {
        var session = Running() with { Silo = "first" };
        var first = await store.StoreAsync(session);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.StoreAsync(session with { Silo = "another" }));

        var read = await store.ReadAsync(session.Id);
        Assert.Equal(first.ETag, read.ETag);
        SessionRecordAssert.Equal(session, read.State!.Session!);
    }

    [Fact]
    public async Task Writers_racing_from_the_same_etag_one_wins_and_the_others_are_refused()
    {
        var session = Running();
        var etag = (await store.StoreAsync(session)).ETag;
        var writers = Enumerable.Range(0, Racers)
            .Select(i => SessionStoreUnderTestExtensions.StateOf(Finished(session, Day.AddMinutes(1)) with { ExitCode = i }, etag))
            .ToArray();

        var won = await Task.WhenAll(writers.Select(TryWriteAsync));

        await ExpectOneWinnerAsync(writers, won);
    }

    [Fact]
    public async Task First_writers_racing_for_a_new_id_one_wins_and_the_others_are_refused()
    {
        var session = Running();
        var writers = Enumerable.Range(0, Racers)
            .Select(i => SessionStoreUnderTestExtensions.StateOf(session with { Silo = $"silo {i}" }))
            .ToArray();

        var won = await Task.WhenAll(writers.Select(TryWriteAsync));

        await ExpectOneWinnerAsync(writers, won);
    }

    /// <summary>Writes <paramref name="state"/>; false when the store refused it as a conflict, and any other failure fails the case.</summary>
    private async Task<bool> TryWriteAsync(GrainState<SessionGrainState> state)
    {
        // Off this thread, so the writers' calls overlap however each store runs them.
        await Task.Yield();
        try
        {
            await store.WriteAsync(state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>Exactly one of <paramref name="writers"/> won, and the store holds what it wrote, with its etag.</summary>
    private async Task ExpectOneWinnerAsync(GrainState<SessionGrainState>[] writers, bool[] won)
    {
        Assert.Equal(1, won.Count(w => w));
        var winner = writers[Array.IndexOf(won, true)];
        var read = await store.ReadAsync(winner.State!.Session!.Id);
        Assert.Equal(winner.ETag, read.ETag);
        SessionRecordAssert.Equal(winner.State.Session, read.State!.Session!);
        Assert.Single(await store.ListedIdsAsync());
    }
}
