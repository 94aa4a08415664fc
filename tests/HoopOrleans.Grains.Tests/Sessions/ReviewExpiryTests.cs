using HoopOrleans.Grains.Tests.Storage.Conformance;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// Sessions waiting for review expire after <c>Retention:ReviewMaxAge</c>: the silos' sweep finds
/// them in the store and their grains, on either silo, end them as <c>failed</c>, "review expired";
/// a review that comes later is refused as for any ended session, and a session reviewed in time
/// goes on as before. Each store runs these cases (<see cref="InMemoryReviewExpiryTests"/>,
/// <see cref="PostgresReviewExpiryTests"/>). A session that waited long is stored as its grain
/// wrote it when requested, minutes ago: the cases wait for the sweep, never for the clock.
/// </summary>
public abstract class ReviewExpiryTests(ReviewExpiryCluster cluster)
{
    private static readonly SessionActor Reviewer = Actors.Reviewer;

    private static SessionRecord WaitingSince(DateTimeOffset requested, string script = "true") => new()
    {
        Id = ClusterFixture.NewId(),
        Request = Requests.Bash(script) with { Connection = "gated" },
        Status = SessionStatus.Open,
        StartDate = requested,
        HasReview = true,
        Review = new SessionReview { Status = SessionReview.Pending },
    };

    private static DateTimeOffset LongAgo => DateTimeOffset.UtcNow - ReviewExpiryCluster.ReviewMaxAge - TimeSpan.FromMinutes(1);

    private async Task<ISessionGrain> RequestAsync(string script = "true")
    {
        var grain = cluster.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        Assert.Equal(SessionStatus.Open, (await grain.Run(Requests.Bash(script) with { Connection = "gated" }, TimeSpan.Zero)).Status);
        return grain;
    }

    [Fact]
    public async Task A_session_waiting_past_the_max_age_ends_failed_review_expired_and_one_reviewed_in_time_runs()
    {
        var marker = Requests.TempPath();
        var inTime = await RequestAsync($"echo ran > '{marker}'");
        await inTime.Review(Reviewer, approved: true, rejectionReason: null);
        var young = await RequestAsync();
        var old = WaitingSince(LongAgo, $"echo ran > '{marker}'");
        await cluster.StoreAsync(old);
        var grain = cluster.Grains.GetGrain<ISessionGrain>(old.Id);

        await Until.HoldsAsync("the sweep expires the session that waited past the max age", async () => (await grain.Get(Actors.Requester, TimeSpan.Zero))!.IsDone);

        var expired = (await grain.Get(Actors.Requester, TimeSpan.Zero))!;
        Assert.Equal(("failed", ExitCodes.ServiceError, FailureReasons.ReviewExpired), (expired.OutputStatus, expired.ExitCode, expired.FailureReason));
        Assert.Equal((SessionReview.Rejected, FailureReasons.ReviewExpired, (string?)null), (expired.Review!.Status, expired.Review.RejectionReason, expired.Review.ReviewedBy));
        Assert.NotNull(expired.EndDate);
        SessionRecordAssert.Equal(expired, (await cluster.ReadStoredAsync(old.Id))!);

        // After expiry: no review, no run. Reviewed in time, or still young: untouched.
        Assert.Equal(SessionRule.Conflict, (await Assert.ThrowsAsync<SessionRuleException>(() => grain.Review(Reviewer, approved: true, rejectionReason: null))).Rule);
        Assert.Equal(SessionRule.Forbidden, (await Assert.ThrowsAsync<SessionRuleException>(() => grain.Exec(Actors.Requester, TimeSpan.Zero))).Rule);
        Assert.False(File.Exists(marker));
        Assert.Equal(SessionStatus.Open, (await young.Get(Actors.Requester, TimeSpan.Zero))!.Status);
        Assert.Equal((SessionStatus.Ready, SessionReview.Approved), Decision(await inTime.Get(Actors.Requester, TimeSpan.Zero)));
        await inTime.Exec(Actors.Requester, TimeSpan.Zero);
        Assert.Equal(0, (await inTime.DoneAsync()).ExitCode);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task A_review_after_the_max_age_finds_the_session_expired_whether_or_not_the_sweep_came_first()
    {
        var old = WaitingSince(LongAgo);
        await cluster.StoreAsync(old);
        var grain = cluster.Grains.GetGrain<ISessionGrain>(old.Id);

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => grain.Review(Reviewer, approved: true, rejectionReason: null));

        Assert.Equal((SessionRule.Conflict, "the session is not waiting for a review"), (refused.Rule, refused.Message));
        var stored = (await cluster.ReadStoredAsync(old.Id))!;
        Assert.Equal((SessionStatus.Done, FailureReasons.ReviewExpired), (stored.Status, stored.FailureReason));
        Assert.False(await grain.ExpireReview());
    }

    [Fact]
    public async Task Only_a_session_still_waiting_past_the_max_age_is_expired_when_its_grain_is_asked()
    {
        var young = await RequestAsync();
        var rejected = await RequestAsync();
        await rejected.Review(Reviewer, approved: false, rejectionReason: "no");
        var running = cluster.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId());
        await running.RunToEndAsync(Requests.Bash("true"));

        Assert.False(await young.ExpireReview());
        Assert.False(await rejected.ExpireReview());
        Assert.False(await running.ExpireReview());
        Assert.False(await cluster.Grains.GetGrain<ISessionGrain>(ClusterFixture.NewId()).ExpireReview());
        Assert.Equal(SessionStatus.Open, (await young.Get(Actors.Requester, TimeSpan.Zero))!.Status);
        Assert.Equal(FailureReasons.Rejected, (await rejected.Get(Actors.Requester, TimeSpan.Zero))!.FailureReason);
    }

    private static (SessionStatus, string?) Decision(SessionRecord? session) => (session!.Status, session.Review?.Status);
}
