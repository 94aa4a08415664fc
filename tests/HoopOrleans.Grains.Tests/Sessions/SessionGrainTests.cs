using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_run_that_ends_within_the_wait_returns_its_result()
    {
        var id = ClusterFixture.NewId();

        var session = await fixture.Grains.GetGrain<ISessionGrain>(id).RunToEndAsync(Requests.Bash("echo \"$1\"; exit 7", "hello world"));

        Assert.Equal(id, session.Id);
        Assert.Equal(SessionStatus.Done, session.Status);
        Assert.Equal(7, session.ExitCode);
        Assert.Equal("failed", session.OutputStatus);
        Assert.Equal("hello world\n"u8.ToArray(), session.Output);
        Assert.NotNull(session.Silo);
        Assert.True(session.EndDate >= session.StartDate);
        Assert.Null(session.FailureReason);
    }

    [Fact]
    public async Task The_activation_of_a_session_created_under_a_new_id_reads_storage_knowing_it_is_new()
    {
        var created = ClusterFixture.NewId();
        var read = ClusterFixture.NewId();

        NewSessionHint.Mark();
        try
        {
            await fixture.Grains.GetGrain<ISessionGrain>(created).Run(Requests.Bash("true"), LongWait);
        }
        finally
        {
            NewSessionHint.Clear();
        }

        await fixture.Grains.GetGrain<ISessionGrain>(read).Get(Actors.Requester, TimeSpan.Zero);

        Assert.Contains(fixture.Grains.GetGrain<ISessionGrain>(created).GetGrainId(), ClusterFixture.ReadsMarkedNew);
        Assert.DoesNotContain(fixture.Grains.GetGrain<ISessionGrain>(read).GetGrainId(), ClusterFixture.ReadsMarkedNew);
    }

    [Fact]
    public async Task A_finished_session_is_stored_as_done()
    {
        var id = ClusterFixture.NewId();

        await fixture.Grains.GetGrain<ISessionGrain>(id).Run(Requests.Bash("echo stored"), LongWait);

        var stored = (await fixture.ReadStoredAsync(id)).Session!;
        Assert.Equal(SessionStatus.Done, stored.Status);
        Assert.Equal(0, stored.ExitCode);
        Assert.Equal("stored\n"u8.ToArray(), stored.Output);
    }

    [Fact]
    public async Task A_finished_run_leaves_no_activation_behind_and_is_still_served_from_storage()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        await grain.Run(Requests.Bash("echo kept"), LongWait);

        var gone = await Until.HeldWithinAsync(TimeSpan.FromSeconds(10), async () =>
            !(await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == grain.GetGrainId()));

        Assert.True(gone, "the finished session's activation stayed");
        var served = await grain.Get(Actors.Requester, TimeSpan.Zero);
        Assert.Equal(SessionStatus.Done, served!.Status);
        Assert.Equal("kept\n"u8.ToArray(), served.Output);
    }

    [Fact]
    public async Task A_run_longer_than_the_wait_is_stored_as_running_and_can_be_awaited()
    {
        var id = ClusterFixture.NewId();
        var flag = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);

        var first = await grain.Run(Requests.UntilFileExists(flag), TimeSpan.Zero);

        Assert.Equal(SessionStatus.Running, first.Status);
        Assert.Equal("running", first.OutputStatus);
        Assert.Equal(SessionStatus.Running, (await fixture.ReadStoredAsync(id)).Session!.Status);

        await File.WriteAllTextAsync(flag, "");
        var finished = await grain.DoneAsync();

        Assert.Equal(SessionStatus.Done, finished!.Status);
        Assert.Equal("released\n"u8.ToArray(), finished.Output);
        File.Delete(flag);
    }

    [Fact]
    public async Task A_session_runs_its_script_at_most_once_however_often_it_is_asked()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.Run(Requests.Bash($"echo ran >> '{marker}'"), LongWait)));
        var sessions = new[] { await grain.DoneAsync() };
        var again = await grain.Run(Requests.Bash($"echo ran >> '{marker}'"), LongWait);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => grain.Run(Requests.Bash($"echo second >> '{marker}'"), LongWait));

        Assert.All(sessions, session => Assert.Equal(SessionStatus.Done, session.Status));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        Assert.Equal(sessions[0].StartDate, again.StartDate);
        File.Delete(marker);
    }

    [Fact]
    public async Task Reading_an_unknown_id_creates_no_record()
    {
        var id = ClusterFixture.NewId();

        var session = await fixture.Grains.GetGrain<ISessionGrain>(id).Get(Actors.Requester, TimeSpan.FromSeconds(1));

        Assert.Null(session);
        Assert.False((await fixture.ReadStoredAsync(id)).RecordExists);
    }

    [Fact]
    public async Task An_unknown_connection_is_refused_and_stores_nothing()
    {
        var id = ClusterFixture.NewId();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);

        var error = await Assert.ThrowsAsync<UnknownConnectionException>(() => grain.Run(Requests.Bash("echo") with { Connection = "nope" }, LongWait));

        Assert.Equal("nope", error.Connection);
        Assert.Null(await grain.Get(Actors.Requester, TimeSpan.Zero));
        Assert.False((await fixture.ReadStoredAsync(id)).RecordExists);
    }

    [Fact]
    public async Task A_stored_running_session_without_a_process_is_settled_as_lost_and_never_run()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var orphan = new GrainState<SessionGrainState>(new SessionGrainState
        {
            Session = new SessionRecord
            {
                Id = id,
                Request = Requests.Bash($"echo ran >> '{marker}'"),
                Status = SessionStatus.Running,
                StartDate = DateTimeOffset.UtcNow,
                Silo = "a silo that died",
            },
        });
        await fixture.Storage.WriteStateAsync("session", fixture.Grains.GetGrain<ISessionGrain>(id).GetGrainId(), orphan);

        var session = await fixture.Grains.GetGrain<ISessionGrain>(id).Get(Actors.Requester, TimeSpan.Zero);

        Assert.Equal(SessionStatus.Done, session!.Status);
        Assert.Equal(ExitCodes.Lost, session.ExitCode);
        Assert.Equal(FailureReasons.Lost, session.FailureReason);
        Assert.Equal(SessionStatus.Done, (await fixture.ReadStoredAsync(id)).Session!.Status);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Activation_collection_does_not_end_a_running_session()
    {
        var id = ClusterFixture.NewId();
        var flag = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);
        await grain.Run(Requests.UntilFileExists(flag), TimeSpan.Zero);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await File.WriteAllTextAsync(flag, "");
        var session = await grain.DoneAsync();

        Assert.Equal(SessionStatus.Done, session!.Status);
        Assert.Equal(0, session.ExitCode);
        Assert.Equal("released\n"u8.ToArray(), session.Output);
        File.Delete(flag);
    }

    [Fact]
    public async Task Concurrent_sessions_keep_their_own_output()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => ClusterFixture.NewId()).ToArray();

        var sessions = await Task.WhenAll(ids.Select(id => fixture.Grains.GetGrain<ISessionGrain>(id).RunToEndAsync(Requests.Bash("echo \"$1\"", id))));

        Assert.All(sessions, session => Assert.Equal(System.Text.Encoding.UTF8.GetBytes(session.Id + "\n"), session.Output));
    }

    [Fact]
    public async Task An_approved_session_runs_once_however_many_execs_race_for_it()
    {
        var id = ClusterFixture.NewId();
        var marker = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(id);
        var open = await grain.Run(Requests.Bash($"echo ran >> '{marker}'") with { Connection = "gated" }, LongWait);
        var ready = await grain.Review(Actors.Reviewer, approved: true, rejectionReason: null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await grain.Exec(Actors.Requester, LongWait))!.Status.WireName();
            }
            catch (SessionRuleException e) when (e.Rule == SessionRule.Conflict)
            {
                return "conflict";
            }
        }));

        Assert.Equal(SessionStatus.Open, open.Status);
        Assert.Equal(SessionStatus.Ready, ready!.Status);
        Assert.Single(outcomes, o => o == "done");
        Assert.Equal(7, outcomes.Count(o => o == "conflict"));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Review_rules_hold_in_the_grain()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.Run(Requests.Bash("true") with { Connection = "gated" }, LongWait);

        var own = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Review(Actors.Requester, approved: true, rejectionReason: null));
        var early = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Exec(Actors.Requester, LongWait));
        var rejected = await grain.Review(Actors.Reviewer, approved: false, rejectionReason: "no");
        var twice = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Review(Actors.Reviewer, approved: true, rejectionReason: null));

        Assert.Equal(SessionRule.Forbidden, own.Rule);
        Assert.Equal(SessionRule.Forbidden, early.Rule);
        Assert.Equal(SessionStatus.Done, rejected!.Status);
        Assert.Equal(FailureReasons.Rejected, rejected.FailureReason);
        Assert.Equal("no", rejected.Review!.RejectionReason);
        Assert.Equal(SessionRule.Conflict, twice.Rule);
    }

    [Fact]
    public async Task Only_the_requester_or_an_admin_kills_a_session_in_the_grain()
    {
        var flag = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.Run(Requests.UntilFileExists(flag), TimeSpan.Zero);

        var stranger = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Kill(Actors.Auditor));
        var stillRunning = await grain.Get(Actors.Requester, TimeSpan.Zero);
        var killed = await grain.Kill(new SessionActor("root", IsAdmin: true));

        Assert.Equal(SessionRule.Forbidden, stranger.Rule);
        Assert.Equal(SessionStatus.Running, stillRunning!.Status);
        Assert.Equal(FailureReasons.Killed, killed!.FailureReason);
    }
}
