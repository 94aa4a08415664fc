using HoopOrleans.Storage;

namespace HoopOrleans.Api.Sessions;

/// <summary>The answer to <c>GET /api/sessions</c>: a page of list items, how many match, and whether more follow.</summary>
/// <remarks>
/// hoop.dev's <c>SessionList</c>: <see cref="Total"/> is null when the listing was asked not to count
/// (<c>count=none</c>), and <see cref="TotalIsCapped"/> says it stopped counting at 10,000.
/// </remarks>
internal sealed record SessionListPage(IReadOnlyList<SessionAnswer> Data, long? Total, bool TotalIsCapped, bool HasNextPage)
{
    public static SessionListPage Of(SessionPage page) =>
        new([.. page.Sessions.Select(SessionAnswer.Of)], page.Total, page.TotalIsCapped, page.HasNextPage);
}
