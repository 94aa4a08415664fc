using System.Net;
using HoopOrleans.Draining;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Api.Tests.Operations;

/// <summary>
/// The probes on the embedded default: <c>/healthz</c> says the process answers, <c>/readyz</c>
/// that the silo is active, the store answers and the node takes runs, and <c>/health</c> stays.
/// </summary>
public sealed class ProbeTests
{
    [Fact]
    public async Task A_started_node_is_live_and_ready_and_says_what_it_checked()
    {
        await using var host = await ApiHost.StartAsync();

        var (live, liveness) = await host.Client.GetJsonAsync("/healthz");
        var (ready, readiness) = await host.Client.GetJsonAsync("/readyz");
        var (health, _) = await host.Client.GetJsonAsync("/health");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal("Healthy", liveness.GetProperty("status").GetString());
        Assert.Empty(liveness.GetProperty("checks").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(
            ["cluster:Healthy", "runs:Healthy", "store:Healthy"],
            readiness.GetProperty("checks").EnumerateObject().Select(check => $"{check.Name}:{check.Value.GetString()}").Order());
        Assert.Equal(HttpStatusCode.OK, health);
    }

    [Fact]
    public async Task A_draining_node_is_not_ready_but_still_live()
    {
        await using var host = await ApiHost.StartAsync();

        host.Services.GetRequiredService<SiloDrainState>().Begin();
        var (live, _) = await host.Client.GetJsonAsync("/healthz");
        var (ready, readiness) = await host.Client.GetJsonAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("Unhealthy", readiness.GetProperty("status").GetString());
        Assert.Equal("not ready: runs: draining: this node takes no new runs", readiness.GetProperty("message").GetString());
    }
}
