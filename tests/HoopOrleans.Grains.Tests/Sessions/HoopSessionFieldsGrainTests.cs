using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// What hoop.dev compatibility asks of the grain: a session carries its connection's type,
/// subtype and tags, and a caller allowed to review its own sessions (the keyless service's) can.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HoopSessionFieldsGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_session_carries_its_connections_type_subtype_and_tags_and_storage_keeps_them()
    {
        var id = ClusterFixture.NewId();
        var plainId = ClusterFixture.NewId();

        var session = await fixture.Grains.GetGrain<ISessionGrain>(id).RunToEndAsync(Requests.Bash("echo described") with { Connection = "described" });
        var plain = await fixture.Grains.GetGrain<ISessionGrain>(plainId).RunToEndAsync(Requests.Bash("echo plain"));

        var expected = new ConnectionProfile("database", "postgres", """{"env":"prod","team":"sre"}""");
        Assert.Equal(expected, session.Profile);
        Assert.Equal(expected, (await fixture.ReadStoredAsync(id)).Session!.Profile);
        Assert.Equal("described\n"u8.ToArray(), session.Output);
        Assert.Equal(ConnectionProfile.Custom, plain.Profile);
        // Read back through the fixture's storage (Newtonsoft.Json) after the described one: still its own.
        Assert.Equal(ConnectionProfile.Custom, (await fixture.ReadStoredAsync(plainId)).Session!.Profile);
        Assert.Equal(expected, (await fixture.ReadStoredAsync(id)).Session!.Profile);
    }

    [Fact]
    public async Task A_caller_that_reviews_its_own_sessions_approves_its_own_and_it_runs()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        var selfReviewing = Actors.Requester with { ReviewsOwn = true };

        var open = await grain.Run(Requests.Bash("echo approved by myself") with { Connection = "gated" }, LongWait);
        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Review(Actors.Requester, approved: true, rejectionReason: null));
        var ready = await grain.Review(selfReviewing, approved: true, rejectionReason: null);
        await grain.Exec(Actors.Requester, LongWait);
        var done = await grain.DoneAsync();

        Assert.Equal(SessionStatus.Open, open.Status);
        Assert.Equal(SessionRule.Forbidden, refused.Rule);
        Assert.Equal((SessionStatus.Ready, SessionReview.Approved, Actors.Requester.Name), (ready!.Status, ready.Review!.Status, ready.Review.ReviewedBy));
        Assert.Equal((0, "approved by myself\n"), (done.ExitCode, System.Text.Encoding.UTF8.GetString(done.Output)));
        Assert.Equal(SessionReview.Approved, done.Review!.Status);
    }

    [Fact]
    public async Task A_caller_that_reviews_its_own_sessions_may_still_not_review_another_callers()
    {
        var grain = fixture.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await grain.Run(Requests.Bash("true") with { Connection = "gated", User = "someone else" }, LongWait);

        var answer = await grain.Review(Actors.Requester with { ReviewsOwn = true }, approved: true, rejectionReason: null);

        Assert.Null(answer);
    }
}
