using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Retention, through each store's own <see cref="RetentionSweeper"/>: a sweep deletes exactly the
/// finished sessions that ended before now minus the age, and never a session not done, whatever
/// its age; what it deleted reads as no record and is not listed. How a store deletes (the
/// in-memory byte cap, PostgreSQL's batches and <c>SKIP LOCKED</c>) is each store's own, with
/// tests of its own.
/// </summary>
public abstract partial class SessionStoreConformance
{
    private static readonly DateTimeOffset SweepNow = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>Stores <paramref name="session"/> as its grain does: a finished one first as it ran, then as it ended.</summary>
    private async Task StoreThroughItsLifeAsync(SessionRecord session)
    {
        if (!session.IsDone)
        {
            await store.StoreAsync(session);
            return;
        }

        var state = await store.StoreAsync(session with { Status = SessionStatus.Running, ExitCode = null, EndDate = null, Output = [] });
        state.State!.Session = session;
        await store.WriteAsync(state);
    }

    [Fact]
    public async Task The_sweep_deletes_exactly_the_finished_sessions_that_ended_before_the_cutoff()
    {
        var cutoff = SweepNow - MaxAge;
        var longAgo = SweepNow - TimeSpan.FromDays(400);
        var pending = new SessionReview { Status = SessionReview.Pending };
        SessionRecord[] aged =
        [
            Finished(Running(longAgo), cutoff.AddTicks(-10)),
            Finished(Running(longAgo), cutoff - TimeSpan.FromDays(2), output: [1, 2, 3]),
            Finished(Running(longAgo), longAgo) with { HasReview = true, Review = pending with { Status = SessionReview.Rejected, ReviewedBy = "rita", ReviewDate = longAgo } },
        ];
        SessionRecord[] kept =
        [
            Finished(Running(longAgo), cutoff),
            Finished(Running(longAgo), SweepNow - TimeSpan.FromHours(1)),
            Running(longAgo),
            Running(longAgo) with { Status = SessionStatus.Open, HasReview = true, Review = pending },
            Running(longAgo) with { Status = SessionStatus.Ready, HasReview = true, Review = pending with { Status = SessionReview.Approved, ReviewedBy = "rita", ReviewDate = longAgo } },
        ];
        foreach (var session in aged.Concat(kept))
        {
            await StoreThroughItsLifeAsync(session);
        }

        // The clock's offset is not UTC: the cut-off is still the same instant.
        using var sweeper = store.Sweeper(MaxAge, new SettableClock(SweepNow.ToOffset(TimeSpan.FromHours(5))));
        var deleted = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(aged.Length, deleted);
        foreach (var session in aged)
        {
            var read = await store.ReadAsync(session.Id);
            Assert.Equal((false, (string?)null, (object?)null), (read.RecordExists, read.ETag, (object?)read.State!.Session));
        }

        foreach (var session in kept)
        {
            SessionRecordAssert.Equal(session, (await store.ReadAsync(session.Id)).State!.Session!);
        }

        var listed = await store.ListAsync(new SessionQuery { Limit = 100, Count = SessionCount.Exact });
        Assert.Equal(kept.Select(s => s.Id).Order(), listed.Sessions.Select(s => s.Session.Id).Order());
        Assert.Equal(kept.Length, listed.Total);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_cutoff_is_now_minus_the_age_so_a_later_sweep_takes_what_has_aged_since()
    {
        var session = Finished(Running(SweepNow), SweepNow + TimeSpan.FromMinutes(1));
        await StoreThroughItsLifeAsync(session);
        var clock = new SettableClock(SweepNow + MaxAge);
        using var sweeper = store.Sweeper(MaxAge, clock);

        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.True((await store.ReadAsync(session.Id)).RecordExists);
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.False((await store.ReadAsync(session.Id)).RecordExists);
        Assert.Empty(await store.ListedIdsAsync());
    }
}
