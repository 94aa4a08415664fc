using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>Real answers of <c>GET /api/sessions/{id}</c> and <c>GET /api/sessions</c> validate against hoop.dev's schema.</summary>
public sealed class HoopSchemaTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private async Task<string> RunAsync(string who, string connection, string script, string query = "")
    {
        using var client = hoop.As(who);
        var (status, created) = await client.PostAsync($"/api/sessions{query}", new { connection, script });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}");
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string who, string path)
    {
        using var client = hoop.As(who);
        var (status, body) = await client.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private async Task ReviewAsync(string reviewer, string id, string status, string? reason = null)
    {
        using var client = hoop.As(reviewer);
        using var response = await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status, rejection_reason = reason }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Finished_typed_and_running_sessions_are_hoop_sessions()
    {
        var finished = await RunAsync("alice", "bash", "echo done; exit 2");
        var typed = await RunAsync("alice", "pg", "echo typed");
        var running = await RunAsync("bob", "bash", "sleep 600", "?wait=0");

        HoopSchema.AssertSession(await GetAsync("alice", $"/api/sessions/{finished}"));
        HoopSchema.AssertSession(await GetAsync("alice", $"/api/sessions/{typed}"));
        HoopSchema.AssertSession(await GetAsync("bob", $"/api/sessions/{running}"));
        HoopSchema.AssertSession(await GetAsync("alice", $"/api/sessions/{finished}?expand=event_stream&event_stream=utf8"));
        HoopSchema.AssertSession(await GetAsync("alice", $"/api/sessions/{finished}?expand=event_stream"));
        using var bob = hoop.As("bob");
        using (await bob.PostAsync($"/api/sessions/{running}/kill", null))
        {
        }
    }

    [Fact]
    public async Task Reviewed_sessions_are_hoop_sessions_pending_approved_and_rejected()
    {
        var pending = await RunAsync("alice", "gated", "echo pending");
        var approved = await RunAsync("alice", "gated", "echo approved");
        var rejected = await RunAsync("alice", "gated", "echo rejected");
        await ReviewAsync("rita", approved, "APPROVED");
        await ReviewAsync("root", rejected, "REJECTED", "no");

        HoopSchema.AssertSession(await GetAsync("alice", $"/api/sessions/{pending}"));
        HoopSchema.AssertSession(await GetAsync("rita", $"/api/sessions/{approved}"));
        HoopSchema.AssertSession(await GetAsync("audrey", $"/api/sessions/{rejected}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?count=none&limit=2")]
    [InlineData("?count=exact&review.status=pending")]
    public async Task Listings_are_hoop_session_lists(string query)
    {
        await RunAsync("alice", "bash", "echo listed");
        await RunAsync("bob", "gated", "echo waits");

        HoopSchema.AssertSessionList(await GetAsync("root", $"/api/sessions{query}"));
    }

    [Fact]
    public async Task The_schema_refuses_what_hoops_clients_could_not_read()
    {
        var id = await RunAsync("alice", "bash", "echo shape");
        var session = JsonNode.Parse((await GetAsync("alice", $"/api/sessions/{id}")).GetRawText())!.AsObject();

        string[] refused =
        [
            Changed(session, s => s["script"] = "echo shape"),
            Changed(session, s => s["exit_code"] = "0"),
            Changed(session, s => s["start_date"] = "yesterday"),
            Changed(session, s => s.Remove("user_id")),
            Changed(session, s => s["review"] = new JsonObject { ["id"] = id, ["status"] = "MAYBE" }),
        ];

        Assert.All(refused, text => Assert.False(HoopSchema.CheckSession(JsonDocument.Parse(text).RootElement).Valid, text));
    }

    private static string Changed(JsonObject session, Action<JsonObject> change)
    {
        var copy = session.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }
}
