using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// A result is shown only once it is stored and is stored whatever the store does meanwhile; a
/// start that could not be stored never runs; a kill answered always wins.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeepingResultsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(20);
    private static readonly SessionActor Requester = new("tests", IsAdmin: false);

    private ISessionGrain Grain(string id) => fixture.Grains.GetGrain<ISessionGrain>(id);

    [Fact]
    public async Task A_result_the_store_refuses_is_retried_until_stored_and_never_shown_before()
    {
        var id = ClusterFixture.NewId();
        var flag = Requests.TempPath();
        var grain = Grain(id);
        await grain.Run(Requests.UntilFileExists(flag), TimeSpan.Zero);
        var fault = StorageFaults.FailWrites(grain.GetGrainId());

        File.WriteAllText(flag, "");
        var refused = await fault.NextWriteAsync();
        await fault.NextWriteAsync();

        Assert.Equal(SessionStatus.Done, refused!.Status);
        var meanwhile = (await grain.Get(Actors.Requester, TimeSpan.Zero))!;
        Assert.Equal(SessionStatus.Running, meanwhile.Status);
        Assert.Equal(SessionStatus.Running, (await fixture.ReadStoredAsync(id)).Session!.Status);

        StorageFaults.Heal(grain.GetGrainId());
        var settled = await grain.DoneAsync();
        Assert.Equal(SessionStatus.Done, settled.Status);
        Assert.Equal(0, settled.ExitCode);
        Assert.Equal("released\n"u8.ToArray(), settled.Output);
        Assert.Equal(settled.Output, (await fixture.ReadStoredAsync(id)).Session!.Output);
    }

    [Fact]
    public async Task A_start_the_store_refuses_never_runs_and_leaves_no_session()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var grain = Grain(id);
        StorageFaults.FailWrites(grain.GetGrainId());

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => grain.Run(Requests.Bash($"touch '{marker}'"), LongWait));

        Assert.Null(await grain.Get(Actors.Requester, TimeSpan.Zero));
        StorageFaults.Heal(grain.GetGrainId());
        Assert.False((await fixture.ReadStoredAsync(id)).RecordExists);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_kill_while_the_start_is_being_stored_means_the_script_never_runs()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var grain = Grain(id);
        var fault = StorageFaults.HoldWrites(grain.GetGrainId());

        var run = grain.Run(Requests.Bash($"touch '{marker}'"), LongWait);
        await fault.NextWriteAsync();
        var kill = grain.Kill(Requester);
        await AuditEvents.WaitForAsync($"audit session.killed {id}");
        StorageFaults.Heal(grain.GetGrainId());
        await kill;
        var session = await run;

        Assert.Equal(SessionStatus.Done, session.Status);
        Assert.Equal(FailureReasons.Killed, session.FailureReason);
        Assert.Equal(ExitCodes.ServiceError, session.ExitCode);
        Assert.Equal(FailureReasons.Killed, (await fixture.ReadStoredAsync(id)).Session!.FailureReason);
        Assert.False(AuditEvents.Any($"audit session.started {id}"), "the program was started");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_deleted_session_reads_as_never_used_and_only_a_finished_one_by_its_owner_or_an_admin()
    {
        var flag = Requests.TempPath();
        var running = Grain(ClusterFixture.NewId());
        await running.Run(Requests.UntilFileExists(flag), TimeSpan.Zero);
        var finished = Grain(ClusterFixture.NewId());
        await finished.Run(Requests.Bash("echo gone"), LongWait);

        var notDone = await Assert.ThrowsAsync<SessionRuleException>(() => running.Delete(Requester));
        var stranger = await Assert.ThrowsAsync<SessionRuleException>(() => finished.Delete(Actors.Auditor));
        var deleted = await finished.Delete(new SessionActor("an admin", IsAdmin: true));

        Assert.Equal(SessionRule.Conflict, notDone.Rule);
        Assert.Equal(SessionRule.Forbidden, stranger.Rule);
        Assert.Equal("gone\n"u8.ToArray(), deleted!.Output);
        Assert.Null(await finished.Get(Actors.Requester, TimeSpan.Zero));
        Assert.False((await fixture.ReadStoredAsync(finished.GetPrimaryKeyString())).RecordExists);
        Assert.Null(await Grain(ClusterFixture.NewId()).Delete(Requester));
        File.WriteAllText(flag, "");
        Assert.Equal(SessionStatus.Done, (await running.DoneAsync()).Status);
    }
}
