using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Deletion (a grain's <c>ClearStateAsync</c>) is checked like a write: its etag must be the stored
/// one, or none when nothing is stored. A clear that passes removes the record, which then reads as
/// none, is not listed, and may be written again as new; one that does not (the record was written
/// or deleted since, or is stored while the caller knows of none) is refused with
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public abstract partial class SessionStoreConformance
{
    [Fact]
    public async Task Clearing_with_the_current_etag_removes_the_record_and_the_id_can_be_written_again_as_new()
    {
        var session = Running();
        var state = await store.StoreAsync(session);
        var kept = await store.StoreAsync(Running());

        await store.ClearAsync(session.Id, state);

        Assert.Equal((false, (string?)null, (object?)null), (state.RecordExists, state.ETag, (object?)state.State!.Session));
        var read = await store.ReadAsync(session.Id);
        Assert.Equal((false, (string?)null, (object?)null), (read.RecordExists, read.ETag, (object?)read.State!.Session));
        Assert.Equal([kept.State!.Session!.Id], await store.ListedIdsAsync());

        var again = Finished(session with { Silo = "again" }, Day.AddMinutes(1));
        var written = await store.StoreAsync(again);
        var reread = await store.ReadAsync(session.Id);
        Assert.Equal(written.ETag, reread.ETag);
        SessionRecordAssert.Equal(again, reread.State!.Session!);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused_and_keeps_the_record()
    {
        var session = Running();
        var state = await store.StoreAsync(session);
        var stale = SessionStoreUnderTestExtensions.StateOf(session, state.ETag);
        var done = Finished(session, Day.AddMinutes(1));
        state.State!.Session = done;
        await store.WriteAsync(state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.ClearAsync(session.Id, stale));

        var read = await store.ReadAsync(session.Id);
        Assert.Equal(state.ETag, read.ETag);
        SessionRecordAssert.Equal(done, read.State!.Session!);
        Assert.Equal([session.Id], await store.ListedIdsAsync());
    }

    [Fact]
    public async Task Clearing_a_record_someone_else_already_deleted_is_refused()
    {
        var session = Running();
        var first = await store.StoreAsync(session);
        var second = await store.ReadAsync(session.Id);
        await store.ClearAsync(session.Id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.ClearAsync(session.Id, second));

        Assert.False((await store.ReadAsync(session.Id)).RecordExists);
    }

    [Fact]
    public async Task Clearing_without_an_etag_while_a_record_is_stored_is_refused_and_keeps_it()
    {
        var session = Running();
        var state = await store.StoreAsync(session);

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.ClearAsync(session.Id, SessionStoreUnderTestExtensions.EmptyState()));

        var read = await store.ReadAsync(session.Id);
        Assert.Equal(state.ETag, read.ETag);
        SessionRecordAssert.Equal(session, read.State!.Session!);
    }

    [Fact]
    public async Task Clearing_an_id_never_written_succeeds_and_leaves_no_record()
    {
        var id = Guid.NewGuid().ToString();
        var state = SessionStoreUnderTestExtensions.EmptyState();

        await store.ClearAsync(id, state);

        Assert.Equal((false, (string?)null), (state.RecordExists, state.ETag));
        Assert.False((await store.ReadAsync(id)).RecordExists);
        Assert.Empty(await store.ListedIdsAsync());
    }

    [Fact]
    public async Task A_state_object_that_held_a_session_reads_as_none_once_the_record_is_deleted()
    {
        var session = Running();
        var held = await store.StoreAsync(session);
        await store.ClearAsync(session.Id, await store.ReadAsync(session.Id));

        await store.ReadIntoAsync(session.Id, held);

        Assert.Equal((false, (string?)null, (object?)null), (held.RecordExists, held.ETag, (object?)held.State!.Session));
    }
}
