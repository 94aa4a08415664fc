using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// hoop.dev's list filters (<c>user</c>, <c>type</c>, <c>connection</c>, <c>review.status</c>,
/// <c>review.approver</c>; values in any case) and <c>count</c> modes, over what each key may see.
/// </summary>
public sealed class ListFilterTests(HoopListingHost listing) : IClassFixture<HoopListingHost>
{
    private static readonly string[] Gated = ["alice-pending", "bob-pending", "bob-approved", "bob-rejected"];

    private async Task<JsonElement> ListAsync(string who, string query)
    {
        using var client = listing.As(who);
        var (status, page) = await client.GetJsonAsync($"/api/sessions{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return page;
    }

    private async Task AssertListsAsync(string who, string query, params string[] names)
    {
        var page = await ListAsync(who, query);

        Assert.Equal(listing.NewestFirst(names), page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(names.Length, page.GetProperty("total").GetInt64());
        Assert.False(page.GetProperty("total_is_capped").GetBoolean());
    }

    [Fact]
    public async Task Admins_and_auditors_filter_by_user_in_any_case_and_users_see_only_their_own()
    {
        await AssertListsAsync("root", "?user=bob", "bob-bash", "bob-pending", "bob-approved", "bob-rejected");
        await AssertListsAsync("audrey", "?user=ALICE", "alice-bash", "alice-pg", "alice-pending");
        await AssertListsAsync("alice", "?user=bob");
        await AssertListsAsync("alice", "", "alice-bash", "alice-pg", "alice-pending");
    }

    [Fact]
    public async Task Type_and_connection_match_in_any_case()
    {
        await AssertListsAsync("root", "?type=database", "alice-pg");
        await AssertListsAsync("root", "?type=CUSTOM", "alice-bash", "alice-pending", "bob-bash", "bob-pending", "bob-approved", "bob-rejected");
        await AssertListsAsync("root", "?type=application");
        await AssertListsAsync("audrey", "?connection=GATED", Gated);
    }

    [Fact]
    public async Task Review_status_matches_in_any_case_and_an_empty_one_lists_sessions_without_a_review()
    {
        await AssertListsAsync("root", "?review.status=pending", "alice-pending", "bob-pending");
        await AssertListsAsync("root", "?review.status=PENDING", "alice-pending", "bob-pending");
        await AssertListsAsync("root", "?review.status=Approved", "bob-approved");
        await AssertListsAsync("root", "?review.status=rejected", "bob-rejected");
        await AssertListsAsync("root", "?review.status=", "alice-bash", "alice-pg", "bob-bash");

        // hoop's other states (and any other text) match no session here, as they match none in hoop.
        await AssertListsAsync("root", "?review.status=executed");
        await AssertListsAsync("root", "?review.status=maybe");
        await AssertListsAsync("audrey", "?review.status=pending&user=bob", "bob-pending");
    }

    [Fact]
    public async Task A_reviewer_lists_the_sessions_of_others_that_wait_for_its_review()
    {
        await AssertListsAsync("rita", "?review.status=PENDING", "alice-pending", "bob-pending");
        await AssertListsAsync("rita", "", Gated);
        await AssertListsAsync("rita", "?review.status=pending&user=bob", "bob-pending");
        await AssertListsAsync("alice", "?review.status=PENDING", "alice-pending");
    }

    [Fact]
    public async Task Review_approver_lists_the_sessions_whose_review_that_key_may_give()
    {
        await AssertListsAsync("root", "?review.approver=rita", Gated);
        await AssertListsAsync("root", "?review.approver=RITA&review.status=pending", "alice-pending", "bob-pending");
        await AssertListsAsync("audrey", "?review.approver=root", Gated);
        await AssertListsAsync("bob", "?review.approver=rita", "bob-pending", "bob-approved", "bob-rejected");
        await AssertListsAsync("root", "?review.approver=alice");
        await AssertListsAsync("root", "?review.approver=nobody");
    }

    [Fact]
    public async Task Count_modes_give_an_exact_total_below_the_cap_or_none()
    {
        foreach (var query in new[] { "", "?count=capped", "?count=exact" })
        {
            var counted = await ListAsync("root", query);
            Assert.Equal(7, counted.GetProperty("total").GetInt64());
            Assert.False(counted.GetProperty("total_is_capped").GetBoolean());
        }

        var none = await ListAsync("root", "?count=none&limit=2");
        var last = await ListAsync("root", "?count=exact&limit=2&offset=6");

        Assert.Equal(JsonValueKind.Null, none.GetProperty("total").ValueKind);
        Assert.False(none.GetProperty("total_is_capped").GetBoolean());
        Assert.True(none.GetProperty("has_next_page").GetBoolean());
        Assert.Equal(listing.NewestFirst("bob-approved", "bob-rejected"), none.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(7, last.GetProperty("total").GetInt64());
        Assert.False(last.GetProperty("has_next_page").GetBoolean());
        Assert.Equal([listing.Ids["alice-bash"]], last.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_deepest_offset_is_ten_thousand()
    {
        var deepest = await ListAsync("root", "?offset=10000");

        Assert.Empty(deepest.GetProperty("data").EnumerateArray());
        Assert.Equal(7, deepest.GetProperty("total").GetInt64());
        Assert.False(deepest.GetProperty("has_next_page").GetBoolean());
    }

    [Theory]
    [InlineData("?offset=10001")]
    [InlineData("?count=all")]
    [InlineData("?count=1")]
    public async Task Bad_hoop_options_are_422(string query)
    {
        using var root = listing.As("root");

        Http.AssertError(HttpStatusCode.UnprocessableEntity, await root.GetJsonAsync($"/api/sessions{query}"));
    }
}
