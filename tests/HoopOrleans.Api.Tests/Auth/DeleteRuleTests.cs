using System.Net;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// <c>DELETE /api/sessions/{id}</c>: the requester or an admin removes a finished session, which
/// then reads like an id never used; nobody else may, and a session still running stays.
/// </summary>
public sealed class DeleteRuleTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private async Task<string> AlicesAsync(string script, string wait = "")
    {
        using var alice = secured.As("alice");
        var (status, body) = await alice.PostAsync($"/api/sessions{wait}", new { connection = "bash", script });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted);
        return body.GetProperty("session_id").GetString()!;
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> DeleteAsync(string who, string id)
    {
        using var client = secured.As(who);
        return await Http.ReadAsync(await client.DeleteAsync($"/api/sessions/{id}"));
    }

    private async Task<HttpStatusCode> ReadStatusAsync(string id)
    {
        using var root = secured.As("root");
        return (await root.GetJsonAsync($"/api/sessions/{id}")).Status;
    }

    [Fact]
    public async Task The_requester_deletes_a_finished_session_and_it_is_gone_everywhere()
    {
        var id = await AlicesAsync("echo bye");
        using var alice = secured.As("alice");

        using var deleted = await alice.DeleteAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Http.AssertError(HttpStatusCode.NotFound, await alice.GetJsonAsync($"/api/sessions/{id}"), "not found");
        Http.AssertError(HttpStatusCode.NotFound, await DeleteAsync("alice", id), "not found");
        var (_, list) = await alice.GetJsonAsync("/api/sessions?limit=100");
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("id").GetString() == id);
        Assert.Contains(secured.Logs.Entries, entry => entry.Message.Contains($"audit session.deleted {id} by alice"));
    }

    [Fact]
    public async Task An_admin_may_delete_another_users_session_and_an_auditor_may_not()
    {
        var audited = await AlicesAsync("echo audited");
        var removed = await AlicesAsync("echo removed");

        Http.AssertError(HttpStatusCode.Forbidden, await DeleteAsync("audrey", audited));
        Assert.Equal(HttpStatusCode.OK, await ReadStatusAsync(audited));
        using (var root = secured.As("root"))
        using (var deleted = await root.DeleteAsync($"/api/sessions/{removed}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, await ReadStatusAsync(removed));
    }

    [Fact]
    public async Task Another_user_cannot_delete_and_does_not_learn_the_session_exists()
    {
        var id = await AlicesAsync("echo mine");

        Http.AssertError(HttpStatusCode.NotFound, await DeleteAsync("bob", id), "not found");
        Assert.Equal(HttpStatusCode.OK, await ReadStatusAsync(id));
    }

    [Fact]
    public async Task A_session_still_running_is_409_and_stays()
    {
        var id = await AlicesAsync("sleep 300", "?wait=0");

        Http.AssertError(HttpStatusCode.Conflict, await DeleteAsync("alice", id), "the session has not ended");
        Assert.Equal(HttpStatusCode.OK, await ReadStatusAsync(id));
        using var root = secured.As("root");
        using var _ = await root.PostAsync($"/api/sessions/{id}/kill", null);
    }
}
