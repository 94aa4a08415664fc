using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// The grain decides who may see a session, in the call that acts: a session someone may not see
/// answers every call exactly as an id never used, and changes nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class VisibilityTests(ClusterFixture fixture)
{
    private static readonly SessionActor Stranger = new("someone-else", IsAdmin: false);

    [Fact]
    public async Task A_session_answers_a_stranger_as_if_it_did_not_exist_and_they_change_nothing()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.RunToEndAsync(Requests.Bash("echo mine"));

        Assert.Null(await grain.Get(Stranger, TimeSpan.Zero));
        Assert.Null(await grain.ReadOutput(Stranger, 0, 1024, TimeSpan.Zero));
        Assert.Null(await grain.Kill(Stranger));
        Assert.Null(await grain.Delete(Stranger));
        Assert.Equal("mine\n"u8.ToArray(), (await grain.Get(Actors.Requester, TimeSpan.Zero))!.Output);
    }

    [Fact]
    public async Task An_auditor_sees_every_session_but_may_not_kill_or_delete_it()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.RunToEndAsync(Requests.Bash("echo audited"));

        Assert.Equal("audited\n"u8.ToArray(), (await grain.Get(Actors.Auditor, TimeSpan.Zero))!.Output);
        Assert.Equal(SessionRule.Forbidden, (await Assert.ThrowsAsync<SessionRuleException>(() => grain.Kill(Actors.Auditor))).Rule);
        Assert.Equal(SessionRule.Forbidden, (await Assert.ThrowsAsync<SessionRuleException>(() => grain.Delete(Actors.Auditor))).Rule);
    }

    [Fact]
    public async Task A_reviewer_sees_the_sessions_that_ask_for_review_and_no_others()
    {
        var reviewed = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var plain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await reviewed.Run(Requests.Bash("true") with { Connection = "gated" }, TimeSpan.Zero);
        await plain.RunToEndAsync(Requests.Bash("true"));

        Assert.Equal(SessionStatus.Open, (await reviewed.Get(Actors.Reviewer, TimeSpan.Zero))!.Status);
        Assert.Null(await plain.Get(Actors.Reviewer, TimeSpan.Zero));
        Assert.Null(await reviewed.Review(Stranger with { IsReviewer = false }, approved: true, rejectionReason: null));
        Assert.Equal(SessionStatus.Open, (await reviewed.Get(Actors.Requester, TimeSpan.Zero))!.Status);
    }

    [Fact]
    public async Task A_reviewer_sees_and_reviews_only_sessions_on_its_keys_connections()
    {
        var onGated = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var onGuarded = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await onGated.Run(Requests.Bash("echo gated") with { Connection = "gated" }, TimeSpan.Zero);
        await onGuarded.Run(Requests.Bash("echo guarded") with { Connection = "guarded" }, TimeSpan.Zero);
        var gatedReviewer = Actors.Reviewer with { Connections = ["gated"] };

        // Out of scope reads as never used, on every call; nothing changes.
        Assert.Null(await onGuarded.Get(gatedReviewer, TimeSpan.Zero));
        Assert.Null(await onGuarded.ReadOutput(gatedReviewer, 0, 1024, TimeSpan.Zero));
        Assert.Null(await onGuarded.Review(gatedReviewer, approved: true, rejectionReason: null));
        Assert.Null(await onGuarded.Review(gatedReviewer, approved: false, rejectionReason: "not mine"));
        Assert.Equal((SessionStatus.Open, SessionReview.Pending), Decision(await onGuarded.Get(Actors.Requester, TimeSpan.Zero)));

        // In scope, it reviews as before.
        Assert.Equal(SessionStatus.Open, (await onGated.Get(gatedReviewer, TimeSpan.Zero))!.Status);
        Assert.Equal((SessionStatus.Ready, SessionReview.Approved), Decision(await onGated.Review(gatedReviewer, approved: true, rejectionReason: null)));
        Assert.Equal((SessionStatus.Open, SessionReview.Pending), Decision(await onGuarded.Get(Actors.Reviewer, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Exec_checks_the_requesters_connections_when_it_runs_not_when_it_was_asked()
    {
        var marker = Requests.TempPath();
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.Run(Requests.Bash($"echo ran > '{marker}'") with { Connection = "gated" }, TimeSpan.Zero);
        await grain.Review(Actors.Reviewer, approved: true, rejectionReason: null);

        // The key lost gated between the request and its approval.
        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Exec(Actors.Requester with { Connections = ["bash"] }, TimeSpan.Zero));
        Assert.Equal((SessionRule.Forbidden, "this key may no longer use connection gated"), (refused.Rule, refused.Message));
        Assert.Equal(SessionStatus.Ready, (await grain.Get(Actors.Requester, TimeSpan.Zero))!.Status);
        Assert.False(File.Exists(marker));

        // Given back, the same approval runs.
        await grain.Exec(Actors.Requester with { Connections = ["bash", "gated"] }, TimeSpan.Zero);
        var ran = await grain.DoneAsync();
        Assert.Equal(0, ran.ExitCode);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    private static (SessionStatus, string?) Decision(SessionRecord? session) => (session!.Status, session.Review?.Status);
}
