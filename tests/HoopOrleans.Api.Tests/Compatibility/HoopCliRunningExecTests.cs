using System.Net;
using System.Text.Json;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// <c>hoop exec --session &lt;id&gt;</c> on a run that outlasts the service's wait: a <c>202</c>, which
/// the CLI reports as <c>running</c> and exits with the answer's exit code, -2. The CLI sends no
/// <c>?wait=</c>, so this front end waits not at all (<c>Sessions:Wait</c> is zero).
/// </summary>
public sealed class HoopCliRunningExecTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await HoopHost.StartAsync(new Dictionary<string, string> { ["Sessions:Wait"] = "00:00:00" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_run_still_going_is_202_and_the_cli_reports_it_running_with_exit_code_minus_2()
    {
        using var alice = TestKeys.ClientAs(_host, "alice");
        using var rita = TestKeys.ClientAs(_host, "rita");
        var (_, created) = await alice.PostAsync("/api/sessions", new { connection = "gated", script = "sleep 600" });
        var id = created.GetProperty("session_id").GetString()!;
        using (var approved = await rita.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status = "APPROVED" })))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var api = _host.Client.BaseAddress!;
        var response = await RawHttp.SendAsync(api, HoopCli.ExecSession(api, TestKeys.KeyOf("alice"), id));
        using (await alice.PostAsync($"/api/sessions/{id}/kill", null))
        {
        }

        Assert.Equal(202, response.Status);
        Assert.Equal($"/api/sessions/{id}", response.Header("Location"));
        var answer = JsonSerializer.Deserialize<HoopExecSessionResponse>(response.Body)!;
        Assert.Equal(new HoopExecOutcome("running", -2, null, "running"), HoopExecOutcome.Of(response.Status, answer));
    }
}
