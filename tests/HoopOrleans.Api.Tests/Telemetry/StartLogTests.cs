using System.Net;
using System.Text.Json;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>The service as a process of its own: what its log says at a normal start and after a run.</summary>
public sealed class StartLogTests
{
    [Fact]
    public async Task A_normal_start_logs_no_warning_and_a_finished_runs_audit_line_prints_no_null()
    {
        await using var service = await ServiceProcess.StartAsync();
        var (status, _) = await service.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo logged" });
        var finished = await service.WaitForLineAsync("audit session.finished");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(service.Output, line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain("(null)", finished);
        Assert.Contains(": success, exit code 0, ", finished);
    }

    [Fact]
    public async Task The_json_formatter_writes_a_json_object_a_line_and_the_audit_fields_as_properties()
    {
        await using var service = await ServiceProcess.StartAsync("--Logging:Console:FormatterName=json");
        var (_, run) = await service.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo logged" });
        var id = run.GetProperty("session_id").GetString();
        var (_, killable) = await service.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 300" });
        var killedId = killable.GetProperty("session_id").GetString();
        using (await service.Client.PostAsync($"/api/sessions/{killedId}/kill", null))
        {
        }

        var finished = JsonDocument.Parse(await service.WaitForLineAsync($"audit session.finished {id}")).RootElement;
        var killed = JsonDocument.Parse(await service.WaitForLineAsync($"audit session.finished {killedId}")).RootElement;

        Assert.All(service.Output, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Equal(("HoopOrleans.Audit", 104, "Information"), (finished.GetProperty("Category").GetString(), finished.GetProperty("EventId").GetInt32(), finished.GetProperty("LogLevel").GetString()));
        var fields = finished.GetProperty("State");
        Assert.Equal(id, fields.GetProperty("SessionId").GetString());
        Assert.Equal("anonymous", fields.GetProperty("User").GetString());
        Assert.Equal("bash", fields.GetProperty("Connection").GetString());
        Assert.Equal("success", fields.GetProperty("Outcome").GetString());
        Assert.Equal(0, fields.GetProperty("ExitCode").GetInt32());
        Assert.True(fields.GetProperty("ExecutionTimeMs").GetInt64() >= 0);
        Assert.False(fields.TryGetProperty("FailureReason", out _));
        Assert.DoesNotContain("(null)", finished.GetProperty("Message").GetString());
        Assert.Equal("killed", killed.GetProperty("State").GetProperty("FailureReason").GetString());
        Assert.Equal("failed", killed.GetProperty("State").GetProperty("Outcome").GetString());
    }
}
