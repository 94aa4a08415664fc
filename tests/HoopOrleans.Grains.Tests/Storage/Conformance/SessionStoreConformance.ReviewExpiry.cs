using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Review expiry, through each store's <see cref="HoopOrleans.Storage.IWaitingReviews"/>: the store
/// finds exactly the sessions still waiting for their review that were requested before the
/// cut-off, oldest first and up to the limit, and none once it ended or was deleted. Ending them is
/// their grains' (the grain tests' review expiry cases run the sweep on a two-silo cluster over
/// both stores).
/// </summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>A short <c>Retention:ReviewMaxAge</c>, as the cases' cut-off counts it back from <see cref="SweepNow"/>.</summary>
    private static readonly TimeSpan ReviewMaxAge = TimeSpan.FromMinutes(10);

    private static SessionRecord Waiting(DateTimeOffset requested) => Running(requested) with
    {
        Status = SessionStatus.Open,
        HasReview = true,
        Review = new SessionReview { Status = SessionReview.Pending },
    };

    [Fact]
    public async Task The_store_finds_exactly_the_sessions_waiting_for_review_since_before_the_cutoff_oldest_first()
    {
        var cutoff = SweepNow - ReviewMaxAge;
        var approved = new SessionReview { Status = SessionReview.Approved, ReviewedBy = "rita", ReviewDate = cutoff };
        SessionRecord[] expiring =
        [
            Waiting(cutoff - TimeSpan.FromDays(30)),
            Waiting(cutoff - TimeSpan.FromMinutes(1)) with { Request = Requests.Bash("true") with { Connection = "gated", User = "alice" } },
            Waiting(cutoff.AddTicks(-10)),
        ];
        SessionRecord[] kept =
        [
            Waiting(cutoff),
            Waiting(SweepNow),
            Running(cutoff - TimeSpan.FromDays(1)) with { Status = SessionStatus.Ready, HasReview = true, Review = approved },
            Running(cutoff - TimeSpan.FromDays(1)),
            Finished(Running(cutoff - TimeSpan.FromDays(1)), cutoff) with { HasReview = true, Review = approved with { Status = SessionReview.Rejected } },
        ];
        foreach (var session in kept.Concat(expiring.Reverse()))
        {
            await StoreThroughItsLifeAsync(session);
        }

        Assert.Equal(expiring.Select(s => s.Id), await store.WaitingReviews.RequestedBeforeAsync(cutoff, 100, CancellationToken.None));
        Assert.Equal(expiring.Take(2).Select(s => s.Id), await store.WaitingReviews.RequestedBeforeAsync(cutoff, 2, CancellationToken.None));
        Assert.Empty(await store.WaitingReviews.RequestedBeforeAsync(cutoff - TimeSpan.FromDays(31), 100, CancellationToken.None));
    }

    [Fact]
    public async Task A_session_that_stopped_waiting_or_was_deleted_is_not_found_again()
    {
        var cutoff = SweepNow - ReviewMaxAge;
        var reviewed = Waiting(cutoff - TimeSpan.FromHours(1));
        var expired = Waiting(cutoff - TimeSpan.FromHours(2));
        var deleted = Waiting(cutoff - TimeSpan.FromHours(3));
        var states = new Dictionary<string, GrainState<SessionGrainState>>();
        foreach (var session in new[] { reviewed, expired, deleted })
        {
            states[session.Id] = await store.StoreAsync(session);
        }

        // As the grains write them: approved, ended as expired, and deleted.
        states[reviewed.Id].State!.Session = reviewed with { Status = SessionStatus.Ready, Review = new SessionReview { Status = SessionReview.Approved, ReviewedBy = "rita", ReviewDate = SweepNow } };
        await store.WriteAsync(states[reviewed.Id]);
        states[expired.Id].State!.Session = SessionTransitions.ReviewExpired(expired, ReviewMaxAge, SweepNow)!;
        await store.WriteAsync(states[expired.Id]);
        await store.ClearAsync(deleted.Id, states[deleted.Id]);

        Assert.Empty(await store.WaitingReviews.RequestedBeforeAsync(cutoff, 100, CancellationToken.None));
        var ended = (await store.ReadAsync(expired.Id)).State!.Session!;
        Assert.Equal((SessionStatus.Done, FailureReasons.ReviewExpired, SessionReview.Rejected), (ended.Status, ended.FailureReason, ended.Review!.Status));
    }
}
