using System.Net;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>A page holds at most 100 sessions: a larger <c>limit</c> is clamped to it, as hoop.dev's is.</summary>
public sealed class ListLimitTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        // Sessions that wait for a review run nothing, so a hundred of them cost little.
        ["Connections:gated:Command:0"] = "bash",
        ["Connections:gated:Command:1"] = "-s",
        ["Connections:gated:Review"] = "true",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("?limit=101")]
    [InlineData("?limit=100000")]
    public async Task A_limit_over_100_gives_a_page_of_100(string query)
    {
        for (var i = 0; i < 102; i++)
        {
            var (created, _) = await _host.Client.PostAsync("/api/sessions", new { connection = "gated", script = $"echo {i}" });
            Assert.Equal(HttpStatusCode.OK, created);
        }

        var (status, page) = await _host.Client.GetJsonAsync($"/api/sessions{query}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100, page.GetProperty("data").GetArrayLength());
        Assert.True(page.GetProperty("has_next_page").GetBoolean());
        Assert.Equal(102, page.GetProperty("total").GetInt64());
        Assert.False(page.GetProperty("total_is_capped").GetBoolean());
    }
}
