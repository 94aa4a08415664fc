using System.Net;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>Only the session's requester or an admin kills it; seeing a session is not enough.</summary>
public sealed class KillRuleTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private async Task<string> AlicesAsync(string connection)
    {
        using var alice = secured.As("alice");
        var (status, body) = await alice.PostAsync("/api/sessions?wait=0", new { connection, script = "sleep 300" });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted);
        return body.GetProperty("session_id").GetString()!;
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> KillAsync(string who, string id)
    {
        using var client = secured.As(who);
        return await Http.ReadAsync(await client.PostAsync($"/api/sessions/{id}/kill", null));
    }

    private async Task<string> StatusAsync(string id)
    {
        using var root = secured.As("root");
        var (_, session) = await root.GetJsonAsync($"/api/sessions/{id}");
        return session.GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task A_user_who_also_reviews_cannot_kill_a_session_waiting_for_review()
    {
        var id = await AlicesAsync("gated");

        Http.AssertError(HttpStatusCode.Forbidden, await KillAsync("ravi", id), "only the requester or an admin may kill this session");
        Assert.Equal("open", await StatusAsync(id));
    }

    [Fact]
    public async Task Another_user_cannot_kill_a_run_and_does_not_learn_it_exists()
    {
        var id = await AlicesAsync("bash");

        Http.AssertError(HttpStatusCode.NotFound, await KillAsync("bob", id), "not found");
        Assert.Equal("running", await StatusAsync(id));
        using (var root = secured.As("root"))
        {
            using var _ = await root.PostAsync($"/api/sessions/{id}/kill", null);
        }
    }

    [Fact]
    public async Task The_requester_and_an_admin_may_kill()
    {
        var own = await AlicesAsync("bash");
        var waiting = await AlicesAsync("gated");

        using (var alice = secured.As("alice"))
        using (var ownKill = await alice.PostAsync($"/api/sessions/{own}/kill", null))
        using (var root = secured.As("root"))
        using (var adminKill = await root.PostAsync($"/api/sessions/{waiting}/kill", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, ownKill.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, adminKill.StatusCode);
        }

        Assert.Equal("done", await StatusAsync(own));
        Assert.Equal("done", await StatusAsync(waiting));
    }
}
