using System.Net;
using System.Text.Json;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// hoop.dev's CLI calls replayed byte for byte against a front end with API keys, each answer
/// decoded into the CLI's own types and read as the CLI reads it.
/// </summary>
public sealed class HoopCliTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private Uri Api => hoop.Host.Client.BaseAddress!;

    private static string Token(string name) => TestKeys.KeyOf(name);

    private async Task<string> RunAsync(string who, string connection, string script)
    {
        using var client = hoop.As(who);
        var (status, created) = await client.PostAsync("/api/sessions", new { connection, script });
        Assert.Equal(HttpStatusCode.OK, status);
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task ReviewAsync(string reviewer, string id, string status, string? reason = null)
    {
        using var client = hoop.As(reviewer);
        using var response = await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status, rejection_reason = reason }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A 200 with a JSON body, decoded as the CLI decodes it.</summary>
    private static T Decode<T>(RawResponse response)
    {
        Assert.True(response.Status == 200, $"{response.Status}: {response.Text}");
        Assert.StartsWith("application/json", response.Header("Content-Type"));
        return JsonSerializer.Deserialize<T>(response.Body)!;
    }

    [Fact]
    public void The_cli_writes_go_requests_with_the_key_in_both_headers_and_sorted_query_keys()
    {
        var flags = new SessionsListFlags { ReviewStatus = "pending", Role = "pg", StartDate = "2024-01-01T00:00:00Z", Limit = 5 };

        var list = System.Text.Encoding.ASCII.GetString(HoopCli.SessionsList(new Uri("http://127.0.0.1:8009"), "k", flags));
        var exec = System.Text.Encoding.ASCII.GetString(HoopCli.ExecSession(new Uri("http://127.0.0.1:8009"), "k", "id"));

        Assert.Equal(
            "GET /api/sessions?connection=pg&count=capped&limit=5&review.status=pending&start_date=2024-01-01T00%3A00%3A00Z HTTP/1.1\r\n" +
            "Host: 127.0.0.1:8009\r\nUser-Agent: hoopcli/1.35.12\r\nApi-Key: k\r\nAuthorization: Bearer k\r\n" +
            "Content-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n",
            list);
        Assert.Equal(
            "POST /api/sessions/id/exec HTTP/1.1\r\nHost: 127.0.0.1:8009\r\nUser-Agent: hoopcli/1.35.12\r\nContent-Length: 0\r\n" +
            "Api-Key: k\r\nAuthorization: Bearer k\r\nAccept-Encoding: gzip\r\n\r\n",
            exec);
    }

    [Fact]
    public async Task Sessions_get_shows_the_input_and_the_fields_the_cli_prints()
    {
        var id = await RunAsync("alice", "pg", "echo from the cli");

        var session = Decode<Dictionary<string, JsonElement>>(await RawHttp.SendAsync(Api, HoopCli.SessionsGet(Api, Token("alice"), id)));
        var shown = HoopSessionDisplay.Of(session);

        Assert.Equal(id, shown.Id);
        Assert.Equal("alice", shown.User);
        Assert.Equal(("pg", "pg"), (shown.Role, shown.Resource));
        Assert.Equal(("database", "postgres"), (shown.Type, shown.Subtype));
        Assert.Equal(("exec", "done"), (shown.Verb, shown.Status));
        Assert.Equal(19, shown.Started!.Length);
        Assert.Equal(19, shown.Ended!.Length);
        Assert.Equal<double?>(0, shown.ExitCode);
        Assert.Equal("echo from the cli", shown.Input);
        Assert.Null(shown.ReviewStatus);
        Assert.False(session.ContainsKey("event_stream"));
    }

    [Fact]
    public async Task Sessions_get_shows_the_review_its_groups_and_a_rejection_reason()
    {
        var approved = await RunAsync("alice", "gated", "echo approved");
        var rejected = await RunAsync("alice", "gated", "echo rejected");
        await ReviewAsync("rita", approved, "APPROVED");
        await ReviewAsync("root", rejected, "REJECTED", "not today");

        var approvedShown = HoopSessionDisplay.Of(Decode<Dictionary<string, JsonElement>>(await RawHttp.SendAsync(Api, HoopCli.SessionsGet(Api, Token("alice"), approved))));
        var rejectedShown = HoopSessionDisplay.Of(Decode<Dictionary<string, JsonElement>>(await RawHttp.SendAsync(Api, HoopCli.SessionsGet(Api, Token("rita"), rejected))));

        Assert.Equal<(string?, string?, double?)>(("APPROVED", "onetime", 1), (approvedShown.ReviewStatus, approvedShown.ReviewType, approvedShown.MinApprovals));
        var group = Assert.Single(approvedShown.ReviewGroups);
        Assert.Equal(("reviewer", "APPROVED", "rita"), (group.Group, group.Status, group.ReviewedBy));
        Assert.Equal(19, group.ReviewDate!.Length);
        Assert.Equal("ready", approvedShown.Status);
        Assert.Equal("echo approved", approvedShown.Input);
        Assert.Equal(("REJECTED", "not today"), (rejectedShown.ReviewStatus, rejectedShown.RejectionReason));
        Assert.Equal("root", Assert.Single(rejectedShown.ReviewGroups).ReviewedBy);
    }

    [Fact]
    public async Task Sessions_list_review_status_pending_finds_what_waits_for_the_reviewer()
    {
        var waiting = await RunAsync("bob", "gated", "echo waits");

        var answer = Decode<HoopSessionsResponse>(await RawHttp.SendAsync(Api, HoopCli.SessionsList(Api, Token("rita"), new SessionsListFlags { ReviewStatus = "pending" })));

        Assert.Contains(waiting, answer.Data.Select(item => item["id"].GetString()));
        Assert.All(answer.Data, item => Assert.Equal("PENDING", item["review"].GetProperty("status").GetString()));
        Assert.All(answer.Data, item => Assert.Equal("""{"data":""}""", item["script"].GetRawText()));
        Assert.Equal<long?>(answer.Data.Count, answer.Total);
        Assert.False(answer.TotalIsCapped);
        Assert.False(answer.HasNextPage);
    }

    [Fact]
    public async Task Sessions_list_filters_by_user_role_type_and_start_date_and_counts_as_asked()
    {
        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        var first = await RunAsync("alice", "pg", "echo one");
        var second = await RunAsync("alice", "pg", "echo two");
        await RunAsync("alice", "bash", "echo other");
        var flags = new SessionsListFlags { User = "alice", Role = "pg", Type = "database", StartDate = since, Limit = 1 };

        var capped = Decode<HoopSessionsResponse>(await RawHttp.SendAsync(Api, HoopCli.SessionsList(Api, Token("root"), flags)));
        var exact = Decode<HoopSessionsResponse>(await RawHttp.SendAsync(Api, HoopCli.SessionsList(Api, Token("audrey"), flags with { Count = "exact", Offset = 1 })));
        var none = Decode<HoopSessionsResponse>(await RawHttp.SendAsync(Api, HoopCli.SessionsList(Api, Token("alice"), flags with { Count = "none" })));

        Assert.Equal([second], capped.Data.Select(item => item["id"].GetString()));
        Assert.True(capped.HasNextPage);
        Assert.Equal<(string, long?, bool)>(("2", 2, false), (capped.ShownTotal, capped.Total, capped.TotalIsCapped));
        Assert.Equal([first], exact.Data.Select(item => item["id"].GetString()));
        Assert.False(exact.HasNextPage);
        Assert.Equal<long?>(2, exact.Total);
        Assert.Equal([second], none.Data.Select(item => item["id"].GetString()));
        Assert.Equal<(string, long?, bool)>(("", null, false), (none.ShownTotal, none.Total, none.TotalIsCapped));
        Assert.True(none.HasNextPage);
    }

    [Fact]
    public async Task Sessions_list_with_an_unknown_count_fails_as_the_cli_reports_it()
    {
        var response = await RawHttp.SendAsync(Api, HoopCli.SessionsList(Api, Token("root"), new SessionsListFlags { Count = "all" }));

        Assert.Equal(422, response.Status);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(response.Body).RootElement.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task Admin_get_sessions_with_a_utf8_event_stream_carries_the_output()
    {
        var id = await RunAsync("alice", "bash", "printf 'plan: 1 to add\\n'");

        var session = Decode<Dictionary<string, JsonElement>>(await RawHttp.SendAsync(
            Api, HoopCli.AdminGetSessions(Api, Token("alice"), id, ("expand", "event_stream"), ("event_stream", "utf8"))));

        Assert.Equal("plan: 1 to add\n", session["event_stream"][0].GetString());
        Assert.Equal("", session["script"].GetProperty("data").GetString());
        Assert.Equal(id, session["id"].GetString());
    }

    [Fact]
    public async Task Exec_session_runs_an_approved_session_and_the_cli_reports_it_completed()
    {
        var id = await RunAsync("alice", "gated", "echo executed; exit 0");
        await ReviewAsync("rita", id, "APPROVED");

        var response = await RawHttp.SendAsync(Api, HoopCli.ExecSession(Api, Token("alice"), id));
        var outcome = HoopExecOutcome.Of(response.Status, Decode<HoopExecSessionResponse>(response));

        Assert.Equal(new HoopExecOutcome("completed", 0, "executed\n", "success"), outcome);
        Assert.Equal(id, JsonDocument.Parse(response.Body).RootElement.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Exec_session_refusals_are_errors_with_a_message_the_cli_prints()
    {
        var id = await RunAsync("alice", "gated", "echo never");

        var unapproved = await RawHttp.SendAsync(Api, HoopCli.ExecSession(Api, Token("alice"), id));
        var wrongKey = await RawHttp.SendAsync(Api, HoopCli.ExecSession(Api, "not-a-key", id));

        Assert.Equal(403, unapproved.Status);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(unapproved.Body).RootElement.GetProperty("message").ValueKind);
        Assert.Equal(401, wrongKey.Status);
        Assert.Equal("access denied", JsonDocument.Parse(wrongKey.Body).RootElement.GetProperty("message").GetString());
    }
}
