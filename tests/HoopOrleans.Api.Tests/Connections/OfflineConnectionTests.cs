using System.Net;
using HoopOrleans.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Api.Tests.Connections;

/// <summary>
/// A connection the cluster knows but no live node hosts (every silo that did has died), shown to
/// the front end by a directory that says so: runs are refused with <c>503</c> before any grain call.
/// </summary>
public sealed class OfflineConnectionTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
        new Dictionary<string, string> { ["Connections:north:Command:0"] = "bash", ["Connections:north:Command:1"] = "-s" },
        builder => builder.Services.AddSingleton<IConnectionDirectory>(services => new OfflineConnectionDirectory(
            ActivatorUtilities.CreateInstance<LocalConnectionDirectory>(services), "north")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_run_on_a_connection_with_no_live_node_is_503_with_retry_after_and_the_listing_says_offline()
    {
        using var response = await _host.Client.PostAsync("/api/sessions", Http.Json(new { connection = "north", script = "echo no" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal("""{"message":"no node serving connection north is available"}""", await response.Content.ReadAsStringAsync());
        var (_, north) = await _host.Client.GetJsonAsync("/api/connections/north");
        Assert.Equal("offline", north.GetProperty("status").GetString());
        Assert.Empty(north.GetProperty("nodes").EnumerateArray());
        var (ran, bash) = await _host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo yes" });
        Assert.Equal((HttpStatusCode.OK, "yes\n"), (ran, bash.GetProperty("output").GetString()));
        Http.AssertError(HttpStatusCode.BadRequest, await _host.Client.PostAsync("/api/sessions", new { connection = "west", script = "echo no" }), "connection west not found");
    }
}
