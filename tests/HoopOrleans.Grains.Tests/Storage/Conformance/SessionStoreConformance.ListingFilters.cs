using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>Listing: hoop.dev's list filters, alone and combined, against one small set of sessions.</summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>
    /// The sessions, one a minute from <see cref="Day"/>, so the listing's order (newest first) is
    /// the reverse of this: user, connection, type, status and review of each. Names are stored in
    /// lower case; the queries ask in other cases.
    /// </summary>
    private static readonly (string User, string Connection, string Type, SessionStatus Status, string? Review)[] FilterRows =
    [
        ("alice", "bash", "custom", SessionStatus.Done, null),
        ("bob", "psql", "database", SessionStatus.Open, SessionReview.Pending),
        ("alice", "psql", "database", SessionStatus.Ready, SessionReview.Approved),
        ("carol", "bash", "custom", SessionStatus.Done, SessionReview.Rejected),
        ("dave", "bash", "custom", SessionStatus.Running, null),
        ("bob", "sh", "application", SessionStatus.Done, null),
    ];

    /// <summary>Stores <see cref="FilterRows"/>; returns their ids, by row.</summary>
    private async Task<string[]> StoreFilterRowsAsync()
    {
        var ids = new List<string>();
        for (var i = 0; i < FilterRows.Length; i++)
        {
            var (user, connection, type, status, review) = FilterRows[i];
            var session = Running(Day.AddMinutes(i)) with
            {
                Request = Requests.Bash($"echo {i}") with { User = user, Connection = connection },
                Status = status,
                ExitCode = status == SessionStatus.Done ? 0 : null,
                HasReview = review is not null,
                Review = review is null ? null : new SessionReview { Status = review, ReviewedBy = review == SessionReview.Pending ? null : "bob" },
                Profile = new ConnectionProfile(type, "", "{}"),
            };
            ids.Add(session.Id);
            await store.StoreAsync(session);
        }

        return [.. ids];
    }

    /// <summary>Lists with <paramref name="query"/> and checks the page is the sessions of <paramref name="rows"/>, newest first, all counted.</summary>
    private async Task ExpectRowsAsync(string[] ids, string name, SessionQuery query, params int[] rows)
    {
        var page = await store.ListAsync(query with { Limit = 100, Count = SessionCount.Exact });
        var listed = page.Sessions.Select(s => Array.IndexOf(ids, s.Session.Id)).ToArray();
        Assert.True(rows.SequenceEqual(listed), $"{name}: expected rows [{string.Join(", ", rows)}], listed [{string.Join(", ", listed)}]");
        Assert.Equal(rows.Length, page.Total);
        Assert.False(page.HasNextPage);
    }

    [Fact]
    public async Task Without_filters_every_session_is_listed_newest_first()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "none", new SessionQuery(), 5, 4, 3, 2, 1, 0);
    }

    [Fact]
    public async Task User_connection_and_type_match_without_regard_to_case()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "user", new SessionQuery { User = "ALICE" }, 2, 0);
        await ExpectRowsAsync(ids, "user exact", new SessionQuery { User = "alice" }, 2, 0);
        await ExpectRowsAsync(ids, "connection", new SessionQuery { Connection = "PSQL" }, 2, 1);
        await ExpectRowsAsync(ids, "type", new SessionQuery { Type = "DataBase" }, 2, 1);
        await ExpectRowsAsync(ids, "unknown user", new SessionQuery { User = "alic" });
        await ExpectRowsAsync(ids, "unknown connection", new SessionQuery { Connection = "none" });
    }

    [Fact]
    public async Task Status_and_review_status_each_narrow_the_list()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "status open", new SessionQuery { Status = SessionStatus.Open }, 1);
        await ExpectRowsAsync(ids, "status ready", new SessionQuery { Status = SessionStatus.Ready }, 2);
        await ExpectRowsAsync(ids, "status running", new SessionQuery { Status = SessionStatus.Running }, 4);
        await ExpectRowsAsync(ids, "status done", new SessionQuery { Status = SessionStatus.Done }, 5, 3, 0);
        await ExpectRowsAsync(ids, "pending", new SessionQuery { ReviewStatus = SessionReview.Pending }, 1);
        await ExpectRowsAsync(ids, "approved", new SessionQuery { ReviewStatus = SessionReview.Approved }, 2);
        await ExpectRowsAsync(ids, "rejected", new SessionQuery { ReviewStatus = SessionReview.Rejected }, 3);
        await ExpectRowsAsync(ids, "no review", new SessionQuery { ReviewStatus = "" }, 5, 4, 0);
    }

    [Fact]
    public async Task Reviewable_by_lists_the_reviews_a_key_may_give()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "reviewer", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false) }, 3, 2);
        await ExpectRowsAsync(ids, "reviews own", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: true) }, 3, 2, 1);
        await ExpectRowsAsync(ids, "not a reviewer", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, ReviewsAny: false) });
        await ExpectRowsAsync(ids, "not a reviewer, own", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: true, ReviewsAny: false) });

        // A reviewer's key names its connections: it gives reviews on those only, named exactly.
        await ExpectRowsAsync(ids, "reviewer on psql", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, Connections: ["psql"]) }, 2);
        await ExpectRowsAsync(ids, "reviewer on bash and sh", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, Connections: ["bash", "sh"]) }, 3);
        await ExpectRowsAsync(ids, "reviewer on PSQL", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, Connections: ["PSQL"]) });
        await ExpectRowsAsync(ids, "reviewer on nothing", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, Connections: []) });
        await ExpectRowsAsync(ids, "reviews own on psql", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: true, Connections: ["psql"]) }, 2, 1);
        await ExpectRowsAsync(ids, "not a reviewer, on psql", new SessionQuery { ReviewableBy = new SessionReviewer("bob", ReviewsOwn: false, ReviewsAny: false, Connections: ["psql"]) });
    }

    [Fact]
    public async Task A_viewer_sees_its_own_sessions_and_a_reviewer_every_session_with_a_review_too()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "owner", new SessionQuery { Scope = new SessionScope("alice", false) }, 2, 0);
        await ExpectRowsAsync(ids, "reviewer", new SessionQuery { Scope = new SessionScope("dave", true) }, 4, 3, 2, 1);
        await ExpectRowsAsync(ids, "stranger", new SessionQuery { Scope = new SessionScope("erin", false) });
        await ExpectRowsAsync(ids, "reviewer on psql", new SessionQuery { Scope = new SessionScope("dave", true, ["psql"]) }, 4, 2, 1);
        await ExpectRowsAsync(ids, "reviewer on nothing", new SessionQuery { Scope = new SessionScope("dave", true, []) }, 4);
    }

    [Fact]
    public async Task Filters_combine()
    {
        var ids = await StoreFilterRowsAsync();

        await ExpectRowsAsync(ids, "reviewer's pending", new SessionQuery { Scope = new SessionScope("dave", true), ReviewStatus = SessionReview.Pending }, 1);
        await ExpectRowsAsync(ids, "reviewer's without review", new SessionQuery { Scope = new SessionScope("dave", true), ReviewStatus = "" }, 4);
        await ExpectRowsAsync(ids, "user, type, review", new SessionQuery { User = "Alice", Type = "DATABASE", ReviewStatus = SessionReview.Approved }, 2);
        await ExpectRowsAsync(ids, "connection, status", new SessionQuery { Connection = "Bash", Status = SessionStatus.Done }, 3, 0);
        await ExpectRowsAsync(ids, "connection, no review", new SessionQuery { Connection = "BASH", ReviewStatus = "" }, 4, 0);
        await ExpectRowsAsync(ids, "reviewable, user", new SessionQuery { ReviewableBy = new SessionReviewer("bob", false), User = "CAROL" }, 3);
        await ExpectRowsAsync(ids, "owner, type", new SessionQuery { Scope = new SessionScope("bob", false), Type = "Application" }, 5);
        await ExpectRowsAsync(ids, "owner, other user", new SessionQuery { Scope = new SessionScope("bob", false), User = "alice" });
        await ExpectRowsAsync(ids, "type, time", new SessionQuery { Type = "custom", StartedFrom = Day.AddMinutes(1), StartedBefore = Day.AddMinutes(4) }, 3);
        await ExpectRowsAsync(ids, "connection, time", new SessionQuery { Connection = "bash", StartedFrom = Day.AddMinutes(3), StartedBefore = Day.AddMinutes(5) }, 4, 3);
    }

    [Fact]
    public async Task The_time_filters_take_dates_with_any_offset()
    {
        var start = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var session = await store.StoreAsync(Running(start));

        // 07:00 at -05:00 is 12:00 UTC; 14:00:01 at +02:00 is a second after it.
        var from = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(-5));
        var before = new DateTimeOffset(2026, 11, 30, 14, 0, 1, TimeSpan.FromHours(2));
        var page = await store.ListAsync(new SessionQuery { StartedFrom = from, StartedBefore = before });
        var later = await store.ListAsync(new SessionQuery { StartedFrom = from.AddSeconds(1) });
        var earlier = await store.ListAsync(new SessionQuery { StartedBefore = before.AddSeconds(-1) });

        Assert.Equal([session.State!.Session!.Id], page.Sessions.Select(s => s.Session.Id));
        Assert.Equal(0, later.Total);
        Assert.Equal(0, earlier.Total);
    }
}
