namespace HoopOrleans.Storage;

/// <summary>A page of sessions.</summary>
/// <param name="Sessions">The page, newest first.</param>
/// <param name="Total">How many sessions match; null when the query did not count them.</param>
/// <param name="TotalIsCapped">More than <see cref="SessionQuery.CountCap"/> match and <paramref name="Total"/> is the cap.</param>
/// <param name="HasNextPage">A session that matches follows this page.</param>
public sealed record SessionPage(IReadOnlyList<ListedSession> Sessions, long? Total, bool TotalIsCapped, bool HasNextPage);
