using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// Without keys the anonymous caller is the service's only caller, so it may review its own
/// sessions: a connection with <c>Review: true</c> works keyless, approved and then run.
/// </summary>
public sealed class KeylessReviewTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        ["Connections:gated:Command:0"] = "bash",
        ["Connections:gated:Command:1"] = "-s",
        ["Connections:gated:Review"] = "true",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> RequestAsync(string script)
    {
        var (status, created) = await _host.Client.PostAsync("/api/sessions", new { connection = "gated", script });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(created.GetProperty("has_review").GetBoolean());
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReviewAsync(string id, string status, string? reason = null)
    {
        using var response = await _host.Client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status, rejection_reason = reason }));
        return await Http.ReadAsync(response);
    }

    [Fact]
    public async Task The_anonymous_caller_approves_its_own_session_and_then_runs_it()
    {
        var id = await RequestAsync("echo approved keyless");

        var early = await Http.ReadAsync(await _host.Client.PostAsync($"/api/sessions/{id}/exec", null));
        var (approved, session) = await ReviewAsync(id, "APPROVED");
        var (ran, result) = await Http.ReadAsync(await _host.Client.PostAsync($"/api/sessions/{id}/exec", null));

        Http.AssertError(HttpStatusCode.Forbidden, early);
        Assert.Equal(HttpStatusCode.OK, approved);
        Assert.Equal("ready", session.GetProperty("status").GetString());
        Assert.Equal("anonymous", session.GetProperty("review").GetProperty("reviewed_by").GetString());
        Assert.Equal(HttpStatusCode.OK, ran);
        Assert.Equal("approved keyless\n", result.GetProperty("output").GetString());
        Assert.Equal(0, result.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task The_anonymous_caller_rejects_its_own_session_and_nothing_runs()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var id = await RequestAsync($"touch '{marker}'");

        var (rejected, session) = await ReviewAsync(id, "REJECTED", "changed my mind");
        var exec = await Http.ReadAsync(await _host.Client.PostAsync($"/api/sessions/{id}/exec", null));

        Assert.Equal(HttpStatusCode.OK, rejected);
        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal("changed my mind", session.GetProperty("review").GetProperty("rejection_reason").GetString());
        Http.AssertError(HttpStatusCode.Forbidden, exec);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task The_anonymous_caller_lists_what_waits_for_its_review()
    {
        var waiting = await RequestAsync("true");
        var decided = await RequestAsync("true");
        await ReviewAsync(decided, "APPROVED");
        var (_, plain) = await _host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true" });

        var (_, pending) = await _host.Client.GetJsonAsync("/api/sessions?review.status=pending&review.approver=anonymous");
        var (_, reviewable) = await _host.Client.GetJsonAsync("/api/sessions?review.approver=anonymous");

        Assert.Equal([waiting], pending.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        var ids = reviewable.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Equal([decided, waiting], ids);
        Assert.DoesNotContain(plain.GetProperty("session_id").GetString(), ids);
    }
}
