using HoopOrleans.Catalog;

namespace HoopOrleans.Api.Sessions;

/// <summary>The answer to <c>GET /api/sessions</c>: a page of list items, how many match, and whether more follow.</summary>
public sealed record SessionListPage(IReadOnlyList<SessionAnswer> Data, long Total, bool HasNextPage)
{
    public static SessionListPage Of(SessionPage page) =>
        new([.. page.Sessions.Select(session => SessionAnswer.Of(session, listItem: true))], page.Total, page.HasNextPage);
}
