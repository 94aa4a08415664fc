using System.Net;
using System.Text;
using System.Text.Json;
using HoopOrleans.Api.Tests.Compatibility;
using static HoopOrleans.Api.Tests.Compatibility.JsonShape;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// <c>GET /api/sessions/{id}</c> carries hoop.dev's <c>Session</c> fields with hoop's types, beside
/// this service's own.
/// </summary>
public sealed class SessionObjectTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private async Task<JsonElement> RunAndReadAsync(string who, string connection, string script, string query = "")
    {
        using var client = hoop.As(who);
        var (status, created) = await client.PostAsync($"/api/sessions{query}", new { connection, script });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}");
        var (read, session) = await client.GetJsonAsync($"/api/sessions/{created.GetProperty("session_id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, read);
        return session;
    }

    [Fact]
    public async Task A_finished_session_has_hoops_fields_with_hoops_types()
    {
        const string script = "echo 'é€'";
        var session = await RunAndReadAsync("alice", "bash", script);

        AssertKinds(
            session,
            ("id", JsonValueKind.String), ("script", JsonValueKind.Object), ("script_size", JsonValueKind.Number),
            ("labels", JsonValueKind.Object), ("metadata", JsonValueKind.Object), ("metrics", JsonValueKind.Object),
            ("user", JsonValueKind.String), ("user_id", JsonValueKind.String), ("user_name", JsonValueKind.String),
            ("type", JsonValueKind.String), ("connection_subtype", JsonValueKind.String), ("connection", JsonValueKind.String),
            ("resource_name", JsonValueKind.String), ("role_name", JsonValueKind.String), ("connection_tags", JsonValueKind.Object),
            ("review", JsonValueKind.Null), ("verb", JsonValueKind.String), ("status", JsonValueKind.String),
            ("exit_code", JsonValueKind.Number), ("event_size", JsonValueKind.Number),
            ("start_date", JsonValueKind.String), ("end_date", JsonValueKind.String));
        Assert.Equal(["data"], Names(session.GetProperty("script")));
        Assert.Equal(script, session.GetProperty("script").GetProperty("data").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(script), session.GetProperty("script_size").GetInt64());
        Assert.Equal("é€\n", session.GetProperty("output").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount("é€\n"), session.GetProperty("event_size").GetInt64());
        Assert.Equal("""{"event_size":6}""", session.GetProperty("metrics").GetRawText());
        Assert.Equal(["alice", "alice", "alice"], new[] { "user", "user_id", "user_name" }.Select(name => session.GetProperty(name).GetString()));
        Assert.Equal("custom", session.GetProperty("type").GetString());
        Assert.Equal("", session.GetProperty("connection_subtype").GetString());
        Assert.Equal("{}", session.GetProperty("connection_tags").GetRawText());
        Assert.Equal(["bash", "bash", "bash"], new[] { "connection", "resource_name", "role_name" }.Select(name => session.GetProperty(name).GetString()));
        Assert.Equal("exec", session.GetProperty("verb").GetString());
        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal(0, session.GetProperty("exit_code").GetInt32());
        Assert.True(AssertTime(session, "end_date") >= AssertTime(session, "start_date"));
        Assert.False(session.TryGetProperty("event_stream", out _));
    }

    [Fact]
    public async Task This_services_own_fields_stay()
    {
        var session = await RunAndReadAsync("bob", "bash", "echo kept; exit 3");

        AssertKinds(
            session,
            ("output", JsonValueKind.String), ("output_status", JsonValueKind.String), ("truncated", JsonValueKind.False),
            ("execution_time", JsonValueKind.Number), ("client_args", JsonValueKind.Array), ("has_review", JsonValueKind.False),
            ("silo", JsonValueKind.String), ("failure_reason", JsonValueKind.Null));
        Assert.Equal("kept\n", session.GetProperty("output").GetString());
        Assert.Equal("failed", session.GetProperty("output_status").GetString());
        Assert.Equal(3, session.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task A_session_carries_its_connections_hoop_type_subtype_and_tags()
    {
        var session = await RunAndReadAsync("alice", "pg", "echo typed");

        Assert.Equal("database", session.GetProperty("type").GetString());
        Assert.Equal("postgres", session.GetProperty("connection_subtype").GetString());
        var tags = session.GetProperty("connection_tags");
        Assert.Equal(2, tags.EnumerateObject().Count());
        Assert.Equal("banking", tags.GetProperty("team").GetString());
        Assert.Equal("prod", tags.GetProperty("environment").GetString());
        Assert.Equal("pg", session.GetProperty("resource_name").GetString());
    }

    [Fact]
    public async Task A_running_session_has_no_exit_code_and_no_end_date()
    {
        var session = await RunAndReadAsync("bob", "bash", "sleep 600", "?wait=0");
        using var bob = hoop.As("bob");
        using (await bob.PostAsync($"/api/sessions/{session.GetProperty("id").GetString()}/kill", null))
        {
        }

        // This service's documented addition to hoop's open/ready/done.
        Assert.Equal("running", session.GetProperty("status").GetString());
        AssertKinds(session, ("exit_code", JsonValueKind.Null), ("end_date", JsonValueKind.Null), ("event_size", JsonValueKind.Number));
        Assert.Equal("sleep 600", session.GetProperty("script").GetProperty("data").GetString());
    }
}
