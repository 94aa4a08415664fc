using HoopOrleans.Sessions;
using Orleans.TestingHost.Utils;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// Sessions as storage holds them, changed under a live activation or by a node's configuration:
/// retention deleting a finished session straight from storage, an approved session whose
/// connection this node no longer has.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredSessionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_finished_session_deleted_from_storage_after_it_was_read_reads_as_gone_soon_after()
    {
        var id = ClusterFixture.NewId();
        await StoreAsync(id, new SessionRecord
        {
            Id = id,
            Request = Requests.Bash("echo kept"),
            Status = SessionStatus.Done,
            StartDate = DateTimeOffset.UtcNow,
            EndDate = DateTimeOffset.UtcNow,
            ExitCode = 0,
            Output = "kept\n"u8.ToArray(),
        });
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);
        Assert.Equal(SessionStatus.Done, (await grain.Get(Actors.Requester, TimeSpan.Zero))!.Status);

        // What retention does: the record goes from storage while the activation that read it lives.
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await fixture.Storage.ReadStateAsync("session", grain.GetGrainId(), state);
        await fixture.Storage.ClearStateAsync("session", grain.GetGrainId(), state);

        // The live activation reads storage again within a second; from then on the session is gone.
        await TestingUtils.WaitUntilAsync(async _ => await grain.Get(Actors.Requester, TimeSpan.Zero) is null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.Null(await grain.Get(Actors.Requester, TimeSpan.Zero));
    }

    [Fact]
    public async Task Exec_of_an_approved_session_whose_connection_is_gone_is_refused_and_runs_nothing()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var approved = new SessionRecord
        {
            Id = id,
            Request = Requests.Bash($"echo ran > '{marker}'") with { Connection = "removed-since" },
            Status = SessionStatus.Ready,
            StartDate = DateTimeOffset.UtcNow,
            HasReview = true,
            Review = new SessionReview { Status = SessionReview.Approved, ReviewedBy = "reviewer", ReviewDate = DateTimeOffset.UtcNow },
        };
        await StoreAsync(id, approved);
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);

        var error = await Assert.ThrowsAsync<UnknownConnectionException>(() => grain.Exec(Actors.Requester, TimeSpan.FromSeconds(1)));

        Assert.Equal("removed-since", error.Connection);
        Assert.Equal(SessionStatus.Ready, (await grain.Get(Actors.Requester, TimeSpan.Zero))!.Status);
        Assert.Equal(SessionStatus.Ready, (await fixture.ReadStoredAsync(id)).Session!.Status);
        Assert.False(File.Exists(marker));
    }

    private Task StoreAsync(string id, SessionRecord session) =>
        fixture.Storage.WriteStateAsync("session", fixture.Grains.GetGrain<ISessionGrain>(id).GetGrainId(), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
}
