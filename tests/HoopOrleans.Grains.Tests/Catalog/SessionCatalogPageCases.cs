using HoopOrleans.Storage;
using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Catalog;

/// <summary>
/// Pages, the three ways to count (hoop.dev's <c>count=exact|capped|none</c>) and what a list item
/// carries; every store runs these same cases (see the classes deriving from this one).
/// </summary>
public abstract class SessionCatalogPageCases(ICatalogUnderTest store) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => store.StartAsync();

    public async Task DisposeAsync() => await store.DisposeAsync();

    private static SessionRecord Done(string connection, int minute, string script = "true", byte[]? output = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Request = Requests.Bash(script) with { Connection = connection },
        Status = SessionStatus.Done,
        ExitCode = 0,
        Output = output ?? [],
        StartDate = Start.AddMinutes(minute),
        EndDate = Start.AddMinutes(minute),
    };

    private Task<SessionPage> ListAsync(SessionQuery query) => store.Catalog.ListAsync(query, CancellationToken.None);

    /// <summary>Five sessions on "bash", minute 0 to 4; their ids newest first.</summary>
    private async Task<string[]> FiveAsync()
    {
        var sessions = Enumerable.Range(0, 5).Select(minute => Done("bash", minute)).ToArray();
        foreach (var session in sessions)
        {
            await store.AddAsync(session);
        }

        return [.. sessions.Reverse().Select(s => s.Id)];
    }

    [Fact]
    public async Task A_next_page_is_announced_only_while_a_matching_session_is_left_whatever_the_count()
    {
        var ids = await FiveAsync();

        foreach (var count in Enum.GetValues<SessionCount>())
        {
            var middle = await ListAsync(new SessionQuery { Limit = 2, Offset = 1, Count = count });
            var last = await ListAsync(new SessionQuery { Limit = 2, Offset = 3, Count = count });
            var whole = await ListAsync(new SessionQuery { Limit = 5, Count = count });
            var past = await ListAsync(new SessionQuery { Limit = 2, Offset = 5, Count = count });
            var oneShort = await ListAsync(new SessionQuery { Limit = 4, Count = count });

            Assert.Equal(ids[1..3], middle.Sessions.Select(s => s.Session.Id));
            Assert.True(middle.HasNextPage);
            Assert.Equal(ids[3..], last.Sessions.Select(s => s.Session.Id));
            Assert.False(last.HasNextPage);
            Assert.Equal(ids, whole.Sessions.Select(s => s.Session.Id));
            Assert.False(whole.HasNextPage);
            Assert.Equal((0, false), (past.Sessions.Count, past.HasNextPage));
            Assert.Equal((4, true), (oneShort.Sessions.Count, oneShort.HasNextPage));
            Assert.All(new[] { middle, last, whole, past, oneShort }, page => Assert.Equal(count == SessionCount.None ? null : 5L, page.Total));
            Assert.All(new[] { middle, last, whole, past, oneShort }, page => Assert.False(page.TotalIsCapped));
        }
    }

    [Fact]
    public async Task Exact_counts_every_match_capped_stops_at_the_cap_and_none_does_not_count()
    {
        const int many = SessionQuery.CountCap + 5;
        await store.AddManyAsync(Done("bulk", 0), many);
        await store.AddManyAsync(Done("few", 1), 3);

        var exact = await ListAsync(new SessionQuery { Connection = "bulk", Count = SessionCount.Exact });
        var capped = await ListAsync(new SessionQuery { Connection = "bulk" });
        var none = await ListAsync(new SessionQuery { Connection = "bulk", Count = SessionCount.None });
        var everything = await ListAsync(new SessionQuery { Count = SessionCount.Exact });
        var cappedFew = await ListAsync(new SessionQuery { Connection = "few" });
        var deepCapped = await ListAsync(new SessionQuery { Connection = "bulk", Limit = 3, Offset = many - 4 });
        var lastCapped = await ListAsync(new SessionQuery { Connection = "bulk", Limit = 3, Offset = many - 3 });

        Assert.Equal(SessionCount.Capped, new SessionQuery().Count);
        Assert.Equal(((long?)many, false, true), (exact.Total, exact.TotalIsCapped, exact.HasNextPage));
        Assert.Equal(((long?)SessionQuery.CountCap, true, true), (capped.Total, capped.TotalIsCapped, capped.HasNextPage));
        Assert.Equal(((long?)null, false, true), (none.Total, none.TotalIsCapped, none.HasNextPage));
        Assert.Equal(many + 3, everything.Total);
        Assert.Equal(((long?)3, false, false), (cappedFew.Total, cappedFew.TotalIsCapped, cappedFew.HasNextPage));
        Assert.Equal(20, exact.Sessions.Count);
        Assert.Equal(20, capped.Sessions.Count);
        Assert.Equal(20, none.Sessions.Count);
        Assert.Equal((3, true, (long?)SessionQuery.CountCap, true), (deepCapped.Sessions.Count, deepCapped.HasNextPage, deepCapped.Total, deepCapped.TotalIsCapped));
        Assert.Equal((3, false), (lastCapped.Sessions.Count, lastCapped.HasNextPage));
    }

    [Fact]
    public async Task A_capped_count_right_at_the_cap_is_exact()
    {
        await store.AddManyAsync(Done("bulk", 0), SessionQuery.CountCap);

        var capped = await ListAsync(new SessionQuery());

        Assert.Equal(((long?)SessionQuery.CountCap, false, true), (capped.Total, capped.TotalIsCapped, capped.HasNextPage));
    }

    [Fact]
    public async Task A_list_item_leaves_out_its_script_and_output_and_carries_their_sizes_in_bytes()
    {
        const string script = "echo 'héllo ☃ 𝄞'";
        byte[] output = [0xff, 0x00, (byte)'o', (byte)'k', (byte)'\n'];
        var described = Done("bash", 0, script, output) with { Profile = new ConnectionProfile("database", "postgres", """{"env":"prod"}""") };
        var empty = Done("bash", 1, "");
        await store.AddAsync(described);
        await store.AddAsync(empty);

        var page = await ListAsync(new SessionQuery());

        var item = Assert.Single(page.Sessions, s => s.Session.Id == described.Id);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(script), item.ScriptSize);
        Assert.Equal(22, item.ScriptSize);
        Assert.Equal(output.Length, item.OutputSize);
        Assert.Equal("", item.Session.Request.Script);
        Assert.Empty(item.Session.Output);
        Assert.Equal(("database", "postgres"), (item.Session.Profile.Type, item.Session.Profile.Subtype));
        Assert.Equal("prod", System.Text.Json.JsonDocument.Parse(item.Session.Profile.TagsJson).RootElement.GetProperty("env").GetString());
        Assert.Equal(("bash", "tests", SessionStatus.Done), (item.Session.Request.Connection, item.Session.Request.User, item.Session.Status));
        var blank = Assert.Single(page.Sessions, s => s.Session.Id == empty.Id);
        Assert.Equal((0L, 0L), (blank.ScriptSize, blank.OutputSize));
    }
}
