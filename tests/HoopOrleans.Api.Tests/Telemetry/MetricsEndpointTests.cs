using System.Net;
using System.Net.Http.Headers;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary><c>/metrics</c>: Prometheus' text from the node's meters, and who may read it.</summary>
public sealed class MetricsEndpointTests
{
    private static Dictionary<string, string> Keyed(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>();
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        TestKeys.Add(settings, "audrey", ["auditor"], ["*"]);
        TestKeys.Add(settings, "bob", ["user"], ["*"]);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(ApiHost host, string? keyOf = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (keyOf is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.KeyOf(keyOf));
        }

        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task After_a_run_metrics_answer_prometheus_text_with_the_services_series()
    {
        await using var host = await ApiHost.StartAsync();
        var (status, _) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo scraped" });

        using var scrape = await ScrapeAsync(host);
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE hooporleans_sessions_started_total counter", text);
        Assert.Matches("""hooporleans_sessions_finished_total\{[^}]*connection="bash"[^}]*outcome="success"[^}]*\} [1-9]""", text);
        Assert.Contains("hooporleans_run_duration_seconds_bucket{", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        Assert.Contains("dotnet_gc_", text);
    }

    [Fact]
    public async Task With_keys_only_an_admin_or_an_auditor_reads_metrics()
    {
        await using var host = await ApiHost.StartAsync(Keyed());
        using var root = TestKeys.ClientAs(host, "root");
        await root.PostAsync("/api/sessions", new { connection = "bash", script = "echo measured" });

        using var anonymous = await ScrapeAsync(host);
        using var user = await ScrapeAsync(host, "bob");
        using var admin = await ScrapeAsync(host, "root");
        using var auditor = await ScrapeAsync(host, "audrey");

        Http.AssertError(HttpStatusCode.Unauthorized, await Http.ReadAsync(anonymous), "access denied");
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
        Assert.Contains("hooporleans_", await admin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Management_open_serves_metrics_without_a_key()
    {
        await using var host = await ApiHost.StartAsync(Keyed(("Management:Open", "true")));

        using var anonymous = await ScrapeAsync(host);
        var (sessions, _) = await host.Client.GetJsonAsync("/api/sessions");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sessions);
    }

    [Fact]
    public async Task With_telemetry_off_metrics_answer_404_naming_the_setting()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Telemetry:Enabled"] = "false" });

        Http.AssertError(HttpStatusCode.NotFound, await Http.ReadAsync(await ScrapeAsync(host)), "metrics are off (Telemetry:Enabled=false)");
    }

    [Fact]
    public async Task A_telemetry_switch_that_is_not_a_boolean_stops_the_start_naming_its_key()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(new Dictionary<string, string> { ["Telemetry:Enabled"] = "sometimes" }));

        Assert.Contains("Telemetry:Enabled", refused.ToString());
    }
}
