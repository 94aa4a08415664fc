namespace HoopOrleans.Storage;

/// <summary>
/// Finds the sessions that still wait for their review, oldest first, without touching their
/// grains: what <see cref="ReviewExpirySweeper"/> hands to the grains to expire. Each store
/// answers from its own index (the in-memory store's waiting sessions, PostgreSQL's review-status
/// index); which sessions expire, and when, stays the grains' decision.
/// </summary>
public interface IWaitingReviews
{
    /// <summary>The ids of up to <paramref name="limit"/> sessions waiting for review that were requested before <paramref name="cutoff"/>, oldest first.</summary>
    Task<IReadOnlyList<string>> RequestedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}
