using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Auth;

public sealed class ReviewTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private static string Marker() => Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");

    private async Task<(string Id, JsonElement Answer)> RequestAsync(string marker)
    {
        using var alice = secured.As("alice");
        var (status, body) = await alice.PostAsync("/api/sessions", new { connection = "gated", script = $"echo ran >> '{marker}'; echo reviewed run" });
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("session_id").GetString()!, body);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReviewAsync(string reviewer, string id, string status, string? reason = null)
    {
        using var client = secured.As(reviewer);
        using var response = await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status, rejection_reason = reason }));
        return await Http.ReadAsync(response);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ExecAsync(string id, string who = "alice")
    {
        using var client = secured.As(who);
        return await Http.ReadAsync(await client.PostAsync($"/api/sessions/{id}/exec", null));
    }

    [Fact]
    public async Task A_reviewed_connection_accepts_the_request_runs_nothing_and_waits_for_review()
    {
        var marker = Marker();
        var (id, answer) = await RequestAsync(marker);
        using var alice = secured.As("alice");
        var (_, session) = await alice.GetJsonAsync($"/api/sessions/{id}");

        Assert.True(answer.GetProperty("has_review").GetBoolean());
        Assert.Equal(0, answer.GetProperty("exit_code").GetInt32());
        Assert.Equal("success", answer.GetProperty("output_status").GetString());
        Assert.Equal($"{secured.Host.Client.BaseAddress!.ToString().TrimEnd('/')}/api/sessions/{id}", answer.GetProperty("output").GetString());
        Assert.Equal("open", session.GetProperty("status").GetString());
        Assert.Equal("PENDING", session.GetProperty("review").GetProperty("status").GetString());
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Approval_lets_the_requester_run_it_exactly_once()
    {
        var marker = Marker();
        var (id, _) = await RequestAsync(marker);

        var early = await ExecAsync(id);
        var approved = await ReviewAsync("rita", id, "APPROVED");
        var first = await ExecAsync(id);
        var second = await ExecAsync(id);

        Http.AssertError(HttpStatusCode.Forbidden, early);
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal("ready", approved.Body.GetProperty("status").GetString());
        Assert.Equal("rita", approved.Body.GetProperty("review").GetProperty("reviewed_by").GetString());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("reviewed run\n", first.Body.GetProperty("output").GetString());
        Http.AssertError(HttpStatusCode.Conflict, second);
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Concurrent_execs_of_an_approved_session_run_it_once()
    {
        var marker = Marker();
        var (id, _) = await RequestAsync(marker);
        await ReviewAsync("root", id, "APPROVED");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ExecAsync(id)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(7, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Rejection_ends_the_session_with_the_reason_and_nothing_runs()
    {
        var marker = Marker();
        var (id, _) = await RequestAsync(marker);

        var rejected = await ReviewAsync("rita", id, "REJECTED", "not during the freeze");
        var exec = await ExecAsync(id);

        Assert.Equal("done", rejected.Body.GetProperty("status").GetString());
        Assert.Equal("failed", rejected.Body.GetProperty("output_status").GetString());
        Assert.Equal("REJECTED", rejected.Body.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal("not during the freeze", rejected.Body.GetProperty("review").GetProperty("rejection_reason").GetString());
        Http.AssertError(HttpStatusCode.Forbidden, exec);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Only_reviewers_and_admins_other_than_the_requester_review_and_only_the_requester_runs()
    {
        var (id, _) = await RequestAsync(Marker());
        using var root = secured.As("root");
        var (_, rootsOwn) = await root.PostAsync("/api/sessions", new { connection = "gated", script = "true" });

        Http.AssertError(HttpStatusCode.Forbidden, await ReviewAsync("alice", id, "APPROVED"));
        Http.AssertError(HttpStatusCode.Forbidden, await ReviewAsync("audrey", id, "APPROVED"));
        Http.AssertError(HttpStatusCode.Forbidden, await ReviewAsync("root", rootsOwn.GetProperty("session_id").GetString()!, "APPROVED"));
        await ReviewAsync("rita", id, "APPROVED");
        Http.AssertError(HttpStatusCode.NotFound, await ExecAsync(id, "bob"));
        Http.AssertError(HttpStatusCode.Conflict, await ReviewAsync("root", id, "REJECTED"));
        Http.AssertError(HttpStatusCode.BadRequest, await ReviewAsync("rita", id, "MAYBE"));
    }
}
