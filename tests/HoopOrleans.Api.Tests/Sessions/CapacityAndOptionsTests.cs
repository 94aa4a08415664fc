using System.Net;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>Tests that need a front end configured their own way, each started and stopped here.</summary>
public sealed class CapacityAndOptionsTests
{
    [Fact]
    public async Task A_node_at_its_run_limit_answers_429_with_retry_after()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Sessions:MaxConcurrentRuns"] = "1" });
        var (first, _) = await host.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 60" });

        using var response = await host.Client.PostAsync("/api/sessions", Http.Json(new { connection = "bash", script = "true" }));

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Http.AssertError(HttpStatusCode.TooManyRequests, await Http.ReadAsync(response));
    }

    [Fact]
    public async Task A_smaller_output_cap_truncates_output()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Sessions:MaxOutputBytes"] = "10" });

        var (_, body) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "seq 1 1000" });

        Assert.Equal("1\n2\n3\n4\n5\n", body.GetProperty("output").GetString());
        Assert.True(body.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task The_configured_wait_applies_when_the_request_names_none()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { ["Sessions:Wait"] = "00:00:00" });

        var (status, _) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "sleep 60" });

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task A_run_past_its_connection_timeout_is_killed()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Connections:hasty:Command:0"] = "bash",
            ["Connections:hasty:Command:1"] = "-s",
            ["Connections:hasty:Timeout"] = "00:00:00.300",
        });

        var (_, body) = await host.Client.PostAsync("/api/sessions", new { connection = "hasty", script = "sleep 30 & wait" });
        var (_, session) = await host.Client.GetJsonAsync($"/api/sessions/{body.GetProperty("session_id").GetString()}");

        Assert.Equal(254, body.GetProperty("exit_code").GetInt32());
        Assert.Equal("failed", body.GetProperty("output_status").GetString());
        Assert.Equal("timed out", session.GetProperty("failure_reason").GetString());
    }

    [Theory]
    [InlineData("Sessions:MaxRequestBytes", "-1")]
    [InlineData("Sessions:MaxOutputBytes", "0")]
    [InlineData("Sessions:MaxConcurrentRuns", "0")]
    [InlineData("Sessions:Wait", "-00:00:01")]
    [InlineData("Connections:broken:Timeout", "00:00:05")]
    [InlineData("Connections:bash:Timeout", "-00:00:01")]
    [InlineData("Retention:MaxAge", "00:00:00")]
    [InlineData("Retention:MaxStoredBytes", "0")]
    [InlineData("Retention:SweepInterval", "2.00:00:00")]
    [InlineData("Retention:ReviewMaxAge", "00:00:00")]
    [InlineData("Processes:ReadsPerTurn", "0")]
    [InlineData("Processes:MaxSpawners", "1")]
    [InlineData("Security:TrustedLocalUids:0", "alice")]
    public async Task Invalid_settings_stop_the_service_from_starting(string key, string value)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(new Dictionary<string, string> { [key] = value });
        });
    }
}
