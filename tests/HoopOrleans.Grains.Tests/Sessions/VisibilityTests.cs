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
}
