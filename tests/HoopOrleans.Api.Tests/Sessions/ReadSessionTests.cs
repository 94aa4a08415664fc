using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed class ReadSessionTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("/api/sessions")]
    [InlineData("/sessions")]
    public async Task A_finished_session_reads_back_with_everything_it_was_given(string path)
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", """
            {"connection": "bash", "script": "echo \"$1\"", "client_args": ["x y"],
             "metadata": {"ticket": "OPS-1", "attempt": 2, "nested": {"ok": true}}, "labels": {"team": "sre"}, "unknown_field": 1}
            """);
        var id = created.GetProperty("session_id").GetString();

        var (status, session) = await fixture.Client.GetJsonAsync($"{path}/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, session.GetProperty("id").GetString());
        Assert.Equal("bash", session.GetProperty("connection").GetString());
        Assert.Equal("exec", session.GetProperty("verb").GetString());
        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal("success", session.GetProperty("output_status").GetString());
        Assert.Equal(0, session.GetProperty("exit_code").GetInt32());
        Assert.Equal("x y\n", session.GetProperty("output").GetString());
        Assert.False(session.GetProperty("truncated").GetBoolean());
        Assert.True(session.GetProperty("execution_time").GetInt64() >= 0);
        var start = session.GetProperty("start_date").GetDateTimeOffset();
        var end = session.GetProperty("end_date").GetDateTimeOffset();
        Assert.EndsWith("Z", session.GetProperty("start_date").GetString());
        Assert.True(end >= start);
        Assert.Equal(["x y"], session.GetProperty("client_args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("OPS-1", session.GetProperty("metadata").GetProperty("ticket").GetString());
        Assert.Equal(2, session.GetProperty("metadata").GetProperty("attempt").GetInt32());
        Assert.True(session.GetProperty("metadata").GetProperty("nested").GetProperty("ok").GetBoolean());
        Assert.Equal("sre", session.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("echo \"$1\"", session.GetProperty("script").GetProperty("data").GetString());
        Assert.False(session.GetProperty("has_review").GetBoolean());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("review").ValueKind);
        Assert.Equal("anonymous", session.GetProperty("user").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("silo").GetString()));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("failure_reason").ValueKind);
    }

    [Fact]
    public async Task An_uppercase_id_reads_the_same_session()
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true" });
        var id = created.GetProperty("session_id").GetString()!;

        var (status, session) = await fixture.Client.GetJsonAsync($"/api/sessions/{id.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, session.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/api/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a11")]
    [InlineData("/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a12")]
    [InlineData("/api/sessions/not-a-uuid")]
    [InlineData("/api/sessions/1234")]
    [InlineData("/api/sessions/6f1c1c1e2b7a4c519a390d2d0f8f7a11")]
    public async Task An_unknown_or_malformed_id_is_404(string path)
    {
        Http.AssertError(HttpStatusCode.NotFound, await fixture.Client.GetJsonAsync(path), "not found");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("1e3")]
    public async Task A_bad_wait_on_read_is_400(string wait)
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true" });

        var answer = await fixture.Client.GetJsonAsync($"/api/sessions/{created.GetProperty("session_id").GetString()}?wait={wait}");

        Http.AssertError(HttpStatusCode.BadRequest, answer);
    }
}
