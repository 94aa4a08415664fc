using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

public sealed class ListTests(ListingHost listing) : IClassFixture<ListingHost>
{
    private readonly HttpClient _client = listing.Host.Client;
    private readonly List<string> _ids = listing.Ids;
    private readonly DateTimeOffset _middle = listing.Middle;

    private async Task<JsonElement> ListAsync(string query)
    {
        var (status, body) = await _client.GetJsonAsync($"/api/sessions{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Lists_every_session_newest_first_without_script_text_or_output()
    {
        var page = await ListAsync("");

        Assert.Equal(7, page.GetProperty("total").GetInt64());
        Assert.False(page.GetProperty("has_next_page").GetBoolean());
        Assert.Equal(Enumerable.Reverse(_ids), Ids(page));
        var item = page.GetProperty("data")[1];
        Assert.Equal("""{"data":""}""", item.GetProperty("script").GetRawText());
        Assert.False(item.TryGetProperty("output", out _));
        Assert.Equal("done", item.GetProperty("status").GetString());
        Assert.Equal(5, item.GetProperty("metadata").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task A_start_window_given_with_any_offset_means_the_same_instant()
    {
        var utc = await ListAsync($"?start_date={Uri.EscapeDataString(_middle.ToString("O"))}");
        var west = await ListAsync($"?start_date={Uri.EscapeDataString(_middle.ToOffset(TimeSpan.FromHours(-5)).ToString("O"))}");
        var east = await ListAsync($"?end_date={Uri.EscapeDataString(_middle.ToOffset(TimeSpan.FromHours(5.5)).ToString("O"))}");

        Assert.Equal(Ids(utc), Ids(west));
        Assert.Equal(4, Ids(west).Length);
        Assert.Equal(_ids.Take(3).Reverse(), Ids(east));
    }

    [Fact]
    public async Task Pages_with_limit_and_offset()
    {
        var first = await ListAsync("?limit=3");
        var last = await ListAsync("?limit=3&offset=6");

        Assert.Equal(Enumerable.Reverse(_ids).Take(3), Ids(first));
        Assert.True(first.GetProperty("has_next_page").GetBoolean());
        Assert.Equal([_ids[0]], Ids(last));
        Assert.False(last.GetProperty("has_next_page").GetBoolean());
        Assert.Equal(7, last.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Filters_by_connection_status_and_start_window()
    {
        var sh = await ListAsync("?connection=sh");
        var running = await ListAsync("?status=running");
        var later = await ListAsync($"?start_date={Uri.EscapeDataString(_middle.ToString("O"))}");
        var earlier = await ListAsync($"?end_date={Uri.EscapeDataString(_middle.ToString("O"))}");

        Assert.Equal([_ids[5], _ids[2]], Ids(sh));
        Assert.Equal([_ids[6]], Ids(running));
        Assert.Equal(Enumerable.Reverse(_ids).Take(4), Ids(later));
        Assert.Equal(Enumerable.Reverse(_ids).Skip(4), Ids(earlier));
    }

    [Theory]
    [InlineData("?limit=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?offset=-1", HttpStatusCode.UnprocessableEntity)]
    [InlineData("?limit=ten", HttpStatusCode.BadRequest)]
    [InlineData("?status=sleeping", HttpStatusCode.BadRequest)]
    [InlineData("?start_date=yesterday", HttpStatusCode.BadRequest)]
    public async Task Bad_filters_are_refused(string query, HttpStatusCode status)
    {
        Http.AssertError(status, await _client.GetJsonAsync($"/sessions{query}"));
    }
}
