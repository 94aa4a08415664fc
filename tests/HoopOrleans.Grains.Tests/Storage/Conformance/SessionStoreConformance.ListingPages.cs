using HoopOrleans.Grains.Tests.Sessions;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// Listing: pages, the three ways to count (hoop.dev's <c>count=exact|capped|none</c>) and what a
/// list item carries.
/// </summary>
public abstract partial class SessionStoreConformance
{
    /// <summary>A finished session on <paramref name="connection"/>, started and ended <paramref name="minute"/> minutes into <see cref="Day"/>.</summary>
    private static SessionRecord FinishedOn(string connection, int minute, string script = "true", byte[]? output = null)
    {
        var running = Running(Day.AddMinutes(minute));
        return Finished(running with { Request = Requests.Bash(script) with { Connection = connection } }, running.StartDate, output);
    }

    /// <summary>Five sessions on "bash", minute 0 to 4; their ids newest first.</summary>
    private async Task<string[]> StoreFiveAsync()
    {
        var sessions = Enumerable.Range(0, 5).Select(minute => FinishedOn("bash", minute)).ToArray();
        foreach (var session in sessions)
        {
            await store.StoreAsync(session);
        }

        return [.. sessions.Reverse().Select(s => s.Id)];
    }

    [Fact]
    public async Task A_next_page_is_announced_only_while_a_matching_session_is_left_whatever_the_count()
    {
        var ids = await StoreFiveAsync();

        foreach (var count in Enum.GetValues<SessionCount>())
        {
            var middle = await store.ListAsync(new SessionQuery { Limit = 2, Offset = 1, Count = count });
            var last = await store.ListAsync(new SessionQuery { Limit = 2, Offset = 3, Count = count });
            var whole = await store.ListAsync(new SessionQuery { Limit = 5, Count = count });
            var past = await store.ListAsync(new SessionQuery { Limit = 2, Offset = 5, Count = count });
            var oneShort = await store.ListAsync(new SessionQuery { Limit = 4, Count = count });

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
        await store.AddManyAsync(FinishedOn("bulk", 0), many);
        await store.AddManyAsync(FinishedOn("few", 1), 3);

        var exact = await store.ListAsync(new SessionQuery { Connection = "bulk", Count = SessionCount.Exact });
        var capped = await store.ListAsync(new SessionQuery { Connection = "bulk" });
        var none = await store.ListAsync(new SessionQuery { Connection = "bulk", Count = SessionCount.None });
        var everything = await store.ListAsync(new SessionQuery { Count = SessionCount.Exact });
        var cappedFew = await store.ListAsync(new SessionQuery { Connection = "few" });
        var deepCapped = await store.ListAsync(new SessionQuery { Connection = "bulk", Limit = 3, Offset = many - 4 });
        var lastCapped = await store.ListAsync(new SessionQuery { Connection = "bulk", Limit = 3, Offset = many - 3 });

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
        await store.AddManyAsync(FinishedOn("bulk", 0), SessionQuery.CountCap);

        var capped = await store.ListAsync(new SessionQuery());

        Assert.Equal(((long?)SessionQuery.CountCap, false, true), (capped.Total, capped.TotalIsCapped, capped.HasNextPage));
    }

    [Fact]
    public async Task A_list_item_leaves_out_its_script_and_output_and_carries_their_sizes_in_bytes()
    {
        const string script = "echo 'héllo ☃ 𝄞'";
        byte[] output = [0xff, 0x00, (byte)'o', (byte)'k', (byte)'\n'];
        var described = FinishedOn("bash", 0, script, output) with { Profile = new ConnectionProfile("database", "postgres", """{"env":"prod"}""") };
        var empty = FinishedOn("bash", 1, "");
        await store.StoreAsync(described);
        await store.StoreAsync(empty);

        var page = await store.ListAsync(new SessionQuery());

        var item = Assert.Single(page.Sessions, s => s.Session.Id == described.Id);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(script), item.ScriptSize);
        Assert.Equal(22, item.ScriptSize);
        Assert.Equal(output.Length, item.OutputSize);
        Assert.Equal("", item.Session.Request.Script);
        Assert.Empty(item.Session.Output);
        SessionRecordAssert.Equal(described with { Request = described.Request with { Script = "" }, Output = [] }, item.Session);
        var blank = Assert.Single(page.Sessions, s => s.Session.Id == empty.Id);
        Assert.Equal((0L, 0L), (blank.ScriptSize, blank.OutputSize));
    }

    [Fact]
    public async Task A_session_written_again_is_listed_once_as_last_written()
    {
        var older = Running(Day.AddMinutes(1));
        var newer = Running(Day.AddMinutes(2));
        var olderState = await store.StoreAsync(older);
        await store.StoreAsync(newer);
        olderState.State!.Session = Finished(older, Day.AddMinutes(3));
        await store.WriteAsync(olderState);

        var page = await store.ListAsync(new SessionQuery { Limit = 10 });

        Assert.Equal([newer.Id, older.Id], page.Sessions.Select(s => s.Session.Id));
        Assert.Equal(SessionStatus.Done, page.Sessions[1].Session.Status);
        Assert.Equal(Day.AddMinutes(3), page.Sessions[1].Session.EndDate);
        Assert.Equal(2, page.Total);
    }
}
