using System.Net;
using HoopOrleans.Connections;
using HoopOrleans.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// The front end as shipped (its appsettings.json) runs the <c>bash</c> connection under its
/// default caps wherever this machine can enforce them, and starts and runs where it cannot.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ShippedConnectionTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_shipped_bash_connection_runs_under_its_caps_where_this_machine_enforces_them()
    {
        var services = fixture.Host.Services;
        var launcher = services.GetRequiredService<RunLauncher>();
        Assert.True(services.GetRequiredService<ConfiguredConnections>().TryGet("bash", out var bash));

        var (status, run) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo capped" });

        Assert.Equal(
            new RunLimits(launcher.LimitsProcesses ? 512 : null, launcher.LimitsMemory ? 2L * 1024 * 1024 * 1024 : null),
            bash.Limits);
        Assert.Equal((HttpStatusCode.OK, "capped\n"), (status, run.GetProperty("output").GetString()));
    }
}
