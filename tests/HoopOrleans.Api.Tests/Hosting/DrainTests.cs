using System.Net;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Api.Tests.Hosting;

/// <summary>
/// SIGTERM to the embedded service: it takes no new runs, keeps serving, lets its runs finish for
/// up to <c>Orleans:DrainTimeout</c> and ends the rest as "node shut down"; a second SIGTERM cuts
/// the drain short. Each test runs a service process of its own.
/// </summary>
public sealed class DrainTests
{
    private static async Task<string> StartRunAsync(ServiceProcess service, string script)
    {
        var (status, body) = await service.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script });
        Assert.Equal(HttpStatusCode.Accepted, status);
        return body.GetProperty("session_id").GetString()!;
    }

    [Fact]
    public async Task A_run_going_when_the_service_is_asked_to_stop_finishes_and_no_new_run_starts()
    {
        await using var service = await ServiceProcess.StartAsync("--Orleans:DrainTimeout=00:05:00");
        var folder = SharedFolders.Create("hoop-drain-");
        var flag = Path.Combine(folder, "flag");
        var result = Path.Combine(folder, "result");
        var id = await StartRunAsync(service, $"while [ ! -e '{flag}' ]; do sleep 0.02; done; echo finished > '{result}'; echo finished");

        service.Terminate();
        await service.WaitForLineAsync("Draining:");
        var refused = await service.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo too late" });
        var (readStatus, running) = await service.Client.GetJsonAsync($"/api/sessions/{id}");
        File.WriteAllText(flag, "");
        await service.WaitForLineAsync("Drained: no run is left");
        var exitCode = await service.WaitForExitAsync();

        Http.AssertError(HttpStatusCode.ServiceUnavailable, refused, "this node is shutting down and takes no new runs; retry shortly");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal("finished\n", File.ReadAllText(result));
        Assert.Contains(service.Output, line => line.Contains($"audit session.finished {id}") && line.Contains("exit code 0"));
        Assert.DoesNotContain(service.Output, line => line.Contains("session.created") && line.Contains("too late"));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Runs_left_when_the_drain_times_out_end_as_node_shut_down()
    {
        await using var service = await ServiceProcess.StartAsync("--Orleans:DrainTimeout=00:00:05");
        var id = await StartRunAsync(service, "sleep 600");

        service.Terminate();
        await service.WaitForLineAsync("Drain ended by the drain timeout with 1 runs still going");
        var exitCode = await service.WaitForExitAsync();

        Assert.Contains(service.Output, line => line.Contains($"audit session.finished {id}") && line.Contains("node shut down"));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_second_sigterm_ends_the_drain_at_once()
    {
        await using var service = await ServiceProcess.StartAsync("--Orleans:DrainTimeout=00:05:00");
        var id = await StartRunAsync(service, "sleep 600");

        service.Terminate();
        await service.WaitForLineAsync("Draining:");
        service.Terminate();
        await service.WaitForLineAsync("Drain ended by a second signal with 1 runs still going");
        var exitCode = await service.WaitForExitAsync();

        Assert.Contains(service.Output, line => line.Contains($"audit session.finished {id}") && line.Contains("node shut down"));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Long_polls_are_answered_with_the_session_as_it_stands_when_the_service_is_asked_to_stop()
    {
        await using var service = await ServiceProcess.StartAsync("--Orleans:DrainTimeout=00:05:00");
        var folder = SharedFolders.Create("hoop-drain-");
        var flag = Path.Combine(folder, "flag");
        var id = await StartRunAsync(service, $"while [ ! -e '{flag}' ]; do sleep 0.02; done");
        var poll = service.Client.GetJsonAsync($"/api/sessions/{id}?wait=300");
        await service.WaitForLineAsync($"audit session.started {id}");

        service.Terminate();
        var (status, session) = await poll;
        File.WriteAllText(flag, "");
        await service.WaitForExitAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("running", session.GetProperty("status").GetString());
    }
}
