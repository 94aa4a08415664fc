using HoopOrleans.Storage;
using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Catalog;

/// <summary>
/// hoop.dev's list filters, alone and combined, against one small set of sessions; every store
/// runs these same cases (see the classes deriving from this one).
/// </summary>
public abstract class SessionCatalogFilterCases(ICatalogUnderTest store) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The sessions, one a minute, so the listing's order (newest first) is the reverse of this:
    /// user, connection, type, status and review of each. Names are stored in lower case; the
    /// queries ask in other cases.
    /// </summary>
    private static readonly (string User, string Connection, string Type, SessionStatus Status, string? Review)[] Rows =
    [
        ("alice", "bash", "custom", SessionStatus.Done, null),
        ("bob", "psql", "database", SessionStatus.Open, SessionReview.Pending),
        ("alice", "psql", "database", SessionStatus.Ready, SessionReview.Approved),
        ("carol", "bash", "custom", SessionStatus.Done, SessionReview.Rejected),
        ("dave", "bash", "custom", SessionStatus.Running, null),
        ("bob", "sh", "application", SessionStatus.Done, null),
    ];

    private readonly List<string> _ids = [];

    public async Task InitializeAsync()
    {
        await store.StartAsync();
        for (var i = 0; i < Rows.Length; i++)
        {
            var (user, connection, type, status, review) = Rows[i];
            var session = new SessionRecord
            {
                Id = Guid.NewGuid().ToString(),
                Request = Requests.Bash($"echo {i}") with { User = user, Connection = connection },
                Status = status,
                ExitCode = status == SessionStatus.Done ? 0 : null,
                StartDate = Start.AddMinutes(i),
                HasReview = review is not null,
                Review = review is null ? null : new SessionReview { Status = review, ReviewedBy = review == SessionReview.Pending ? null : "bob" },
                Profile = new ConnectionProfile(type, "", "{}"),
            };
            _ids.Add(session.Id);
            await store.AddAsync(session);
        }
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    /// <summary>Lists with <paramref name="query"/> and checks the page is the sessions of <paramref name="rows"/>, newest first, all counted.</summary>
    private async Task ExpectAsync(string name, SessionQuery query, params int[] rows)
    {
        var page = await store.Catalog.ListAsync(query with { Limit = 100, Count = SessionCount.Exact }, CancellationToken.None);
        var listed = page.Sessions.Select(s => _ids.IndexOf(s.Session.Id)).ToArray();
        Assert.True(rows.SequenceEqual(listed), $"{name}: expected rows [{string.Join(", ", rows)}], listed [{string.Join(", ", listed)}]");
        Assert.Equal(rows.Length, page.Total);
        Assert.False(page.HasNextPage);
    }

    [Fact]
    public async Task Without_filters_every_session_is_listed_newest_first()
    {
        await ExpectAsync("none", new SessionQuery(), 5, 4, 3, 2, 1, 0);
    }

    [Fact]
    public async Task User_connection_and_type_match_without_regard_to_case()
    {
        await ExpectAsync("user", new SessionQuery { User = "ALICE" }, 2, 0);
        await ExpectAsync("user exact", new SessionQuery { User = "alice" }, 2, 0);
        await ExpectAsync("connection", new SessionQuery { Connection = "PSQL" }, 2, 1);
        await ExpectAsync("type", new SessionQuery { Type = "DataBase" }, 2, 1);
        await ExpectAsync("unknown user", new SessionQuery { User = "alic" });
    }

    [Fact]
    public async Task Status_and_review_status_each_narrow_the_list()
    {
        await ExpectAsync("status open", new SessionQuery { Status = SessionStatus.Open }, 1);
        await ExpectAsync("status done", new SessionQuery { Status = SessionStatus.Done }, 5, 3, 0);
        await ExpectAsync("pending", new SessionQuery { ReviewStatus = SessionReview.Pending }, 1);
        await ExpectAsync("approved", new SessionQuery { ReviewStatus = SessionReview.Approved }, 2);
        await ExpectAsync("rejected", new SessionQuery { ReviewStatus = SessionReview.Rejected }, 3);
        await ExpectAsync("no review", new SessionQuery { ReviewStatus = "" }, 5, 4, 0);
    }

    [Fact]
    public async Task Reviewable_by_lists_the_reviews_a_key_may_give()
    {
        await ExpectAsync("reviewer", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false) }, 3, 2);
        await ExpectAsync("reviews own", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: true) }, 3, 2, 1);
        await ExpectAsync("not a reviewer", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, ReviewsAny: false) });
        await ExpectAsync("not a reviewer, own", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: true, ReviewsAny: false) });
    }

    [Fact]
    public async Task A_viewer_sees_its_own_sessions_and_a_reviewer_every_session_with_a_review_too()
    {
        await ExpectAsync("owner", new SessionQuery { Scope = new SessionScope("alice", false) }, 2, 0);
        await ExpectAsync("reviewer", new SessionQuery { Scope = new SessionScope("dave", true) }, 4, 3, 2, 1);
        await ExpectAsync("stranger", new SessionQuery { Scope = new SessionScope("erin", false) });
    }

    [Fact]
    public async Task Filters_combine()
    {
        await ExpectAsync("reviewer's pending", new SessionQuery { Scope = new SessionScope("dave", true), ReviewStatus = SessionReview.Pending }, 1);
        await ExpectAsync("reviewer's without review", new SessionQuery { Scope = new SessionScope("dave", true), ReviewStatus = "" }, 4);
        await ExpectAsync("user, type, review", new SessionQuery { User = "Alice", Type = "DATABASE", ReviewStatus = SessionReview.Approved }, 2);
        await ExpectAsync("connection, status", new SessionQuery { Connection = "Bash", Status = SessionStatus.Done }, 3, 0);
        await ExpectAsync("connection, no review", new SessionQuery { Connection = "BASH", ReviewStatus = "" }, 4, 0);
        await ExpectAsync("reviewable, user", new SessionQuery { ReviewableBy = new SessionReviewer("bob", false), User = "CAROL" }, 3);
        await ExpectAsync("owner, type", new SessionQuery { Scope = new SessionScope("bob", false), Type = "Application" }, 5);
        await ExpectAsync("owner, other user", new SessionQuery { Scope = new SessionScope("bob", false), User = "alice" });
        await ExpectAsync("type, time", new SessionQuery { Type = "custom", StartedFrom = Start.AddMinutes(1), StartedBefore = Start.AddMinutes(4) }, 3);
    }
}
