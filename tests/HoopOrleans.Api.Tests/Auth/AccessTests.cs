using System.Net;
using HoopOrleans.Api.Auth;

namespace HoopOrleans.Api.Tests.Auth;

public sealed class AccessTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private async Task<string> RunAsAsync(string name, string script = "echo hi", string connection = "bash")
    {
        using var client = secured.As(name);
        var (status, body) = await client.PostAsync("/api/sessions", new { connection, script });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("session_id").GetString()!;
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_401()
    {
        using var wrong = secured.As("mallory");

        Http.AssertError(HttpStatusCode.Unauthorized, await secured.Host.Client.PostAsync("/api/sessions", new { connection = "bash" }), "access denied");
        Http.AssertError(HttpStatusCode.Unauthorized, await secured.Host.Client.GetJsonAsync("/api/sessions"), "access denied");
        Http.AssertError(HttpStatusCode.Unauthorized, await wrong.GetJsonAsync($"/api/sessions/{Guid.NewGuid()}"), "access denied");
    }

    [Fact]
    public async Task The_health_check_needs_no_key()
    {
        using var response = await secured.Host.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_legacy_api_key_header_works_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = Http.Json(new { connection = "bash", script = "echo legacy" }) };
        request.Headers.Add("Api-Key", SecuredHost.KeyOf("bob"));

        var (status, body) = await Http.ReadAsync(await secured.Host.Client.SendAsync(request));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("legacy\n", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Sessions_record_the_key_that_made_them()
    {
        var id = await RunAsAsync("bob");
        using var bob = secured.As("bob");

        var (_, session) = await bob.GetJsonAsync($"/api/sessions/{id}");

        Assert.Equal("bob", session.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_connection_the_key_may_not_use_answers_like_an_unknown_one()
    {
        using var alice = secured.As("alice");

        Http.AssertError(HttpStatusCode.BadRequest, await alice.PostAsync("/api/sessions", new { connection = "sh", script = "true" }), "connection sh not found");
    }

    [Fact]
    public async Task Auditors_and_reviewers_may_not_run_or_kill()
    {
        var id = await RunAsAsync("bob");
        using var audrey = secured.As("audrey");
        using var rita = secured.As("rita");

        Http.AssertError(HttpStatusCode.Forbidden, await audrey.PostAsync("/api/sessions", new { connection = "bash", script = "true" }));
        Http.AssertError(HttpStatusCode.Forbidden, await rita.PostAsync("/api/sessions", new { connection = "bash", script = "true" }));
        Http.AssertError(HttpStatusCode.Forbidden, await Http.ReadAsync(await audrey.PostAsync($"/api/sessions/{id}/kill", null)));
    }

    [Fact]
    public async Task Users_see_only_their_own_sessions_while_admins_and_auditors_see_all()
    {
        var alices = await RunAsAsync("alice");
        var bobs = await RunAsAsync("bob");
        using var alice = secured.As("alice");
        using var root = secured.As("root");
        using var audrey = secured.As("audrey");

        Http.AssertError(HttpStatusCode.NotFound, await alice.GetJsonAsync($"/api/sessions/{bobs}"), "not found");
        Http.AssertError(HttpStatusCode.NotFound, await alice.GetJsonAsync($"/api/sessions/{bobs}/stream"), "not found");
        Http.AssertError(HttpStatusCode.NotFound, await Http.ReadAsync(await alice.PostAsync($"/api/sessions/{bobs}/kill", null)), "not found");
        Assert.Equal(HttpStatusCode.OK, (await root.GetJsonAsync($"/api/sessions/{alices}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await audrey.GetJsonAsync($"/api/sessions/{bobs}")).Status);

        var (_, alicesList) = await alice.GetJsonAsync("/api/sessions?limit=100");
        var (_, audreysList) = await audrey.GetJsonAsync("/api/sessions?limit=100");
        var aliceSees = alicesList.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("user").GetString()).Distinct().ToList();
        var audreySees = audreysList.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["alice"], aliceSees);
        Assert.Contains(alices, audreySees);
        Assert.Contains(bobs, audreySees);
    }

    [Fact]
    public async Task Connection_secrets_never_reach_an_answer_or_a_log()
    {
        using var alice = secured.As("alice");
        var (_, run) = await alice.PostAsync("/api/sessions", new { connection = "vault", script = "test -n \"$VAULT_TOKEN\" && echo has-token" });
        var id = run.GetProperty("session_id").GetString();

        var (_, read) = await alice.GetJsonAsync($"/api/sessions/{id}");
        var (_, list) = await alice.GetJsonAsync("/api/sessions?connection=vault");

        Assert.Equal("has-token\n", run.GetProperty("output").GetString());
        Assert.DoesNotContain(SecuredHost.Secret, run.GetRawText());
        Assert.DoesNotContain(SecuredHost.Secret, read.GetRawText());
        Assert.DoesNotContain(SecuredHost.Secret, list.GetRawText());
        Assert.DoesNotContain(secured.Logs.Entries, entry => entry.Message.Contains(SecuredHost.Secret) || entry.Message.Contains("has-token") || entry.Message.Contains("VAULT_TOKEN"));
    }

    [Fact]
    public async Task Every_transition_leaves_an_audit_event_with_who_what_and_outcome()
    {
        using var bob = secured.As("bob");
        var (_, created) = await bob.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 300" });
        var id = created.GetProperty("session_id").GetString()!;

        // A kill in the start window is another path (the run never starts); this one kills a running process.
        await secured.Logs.WaitForAsync(e => e.EventId.Id == 103 && Equals(e.Fields.GetValueOrDefault("SessionId"), id));
        using (await bob.PostAsync($"/api/sessions/{id}/kill", null))
        {
        }

        var audit = secured.Logs.Entries.Where(e => e.Category == "HoopOrleans.Audit" && Equals(e.Fields.GetValueOrDefault("SessionId"), id)).ToList();
        var names = audit.Select(e => e.EventId.Id).ToList();

        Assert.Equal([101, 103, 105, 104], names);
        Assert.All(audit, e => Assert.Equal("bash", e.Fields["Connection"]));
        Assert.All(audit, e => Assert.Equal("bob", e.Fields["User"]));
        Assert.Equal("failed", audit[^1].Fields["Outcome"]);
        Assert.Equal("killed", audit[^1].Fields["FailureReason"]);
    }

    [Fact]
    public void A_key_hash_is_the_lowercase_hex_sha256_of_the_key()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeyRegistry.HashOf("hello"));
    }
}
