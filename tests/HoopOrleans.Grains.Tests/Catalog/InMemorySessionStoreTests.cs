using HoopOrleans.Storage.InMemory;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Catalog;

public sealed class InMemorySessionStoreTests
{
    private const string StateName = "session";
    private readonly InMemorySessionStore _store = new();

    private static SessionRecord Running(string id, int minute = 0) => new()
    {
        Id = id,
        Request = Requests.Bash("echo hi"),
        Status = SessionStatus.Running,
        StartDate = new DateTimeOffset(2026, 11, 29, 6, minute, 0, TimeSpan.Zero),
    };

    private async Task<GrainState<SessionGrainState>> ReadAsync(string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await _store.ReadStateAsync(StateName, GrainId.Create("session", id), state);
        return state;
    }

    private async Task<GrainState<SessionGrainState>> WriteAsync(SessionRecord session, string? etag)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = session }) { ETag = etag };
        await _store.WriteStateAsync(StateName, GrainId.Create("session", session.Id), state);
        return state;
    }

    [Fact]
    public async Task An_unknown_id_reads_as_no_record()
    {
        var state = await ReadAsync(ClusterFixture.NewId());

        Assert.False(state.RecordExists);
        Assert.Null(state.State!.Session);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_written_session_reads_back_as_the_same_record_with_its_etag()
    {
        var session = Running(ClusterFixture.NewId());
        var written = await WriteAsync(session, null);

        var read = await ReadAsync(session.Id);

        Assert.True(read.RecordExists);
        Assert.Same(session, read.State!.Session);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var session = Running(ClusterFixture.NewId());
        var first = await WriteAsync(session, null);
        await WriteAsync(session with { Status = SessionStatus.Done }, first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(session with { ExitCode = 9 }, first.ETag));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(session, null));

        Assert.Equal(SessionStatus.Done, (await ReadAsync(session.Id)).State!.Session!.Status);
        Assert.Null((await ReadAsync(session.Id)).State!.Session!.ExitCode);
    }

    [Fact]
    public async Task The_listing_shows_what_was_written_newest_first_once_each()
    {
        var older = Running(ClusterFixture.NewId(), minute: 1);
        var newer = Running(ClusterFixture.NewId(), minute: 2);
        var olderState = await WriteAsync(older, null);
        await WriteAsync(newer, null);
        await WriteAsync(older with { Status = SessionStatus.Done }, olderState.ETag);

        var page = await _store.ListAsync(new SessionQuery { Limit = 10 }, CancellationToken.None);

        Assert.Equal([newer.Id, older.Id], page.Sessions.Select(s => s.Session.Id));
        Assert.Equal(SessionStatus.Done, page.Sessions[1].Session.Status);
        Assert.Equal(2, page.Total);
    }
}
