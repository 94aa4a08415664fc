using System.Net;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// hoop.dev's <c>?expand=event_stream&amp;event_stream=utf8|base64</c> on <c>GET /api/sessions/{id}</c>:
/// the output as <c>event_stream</c>, and the script's text only when <c>expand</c> names
/// <c>session_input</c> too.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EventStreamTests(ApiFixture fixture)
{
    /// <summary>Lines of 14 bytes with two invalid UTF-8 bytes each: 112,000 bytes, past one 64 KiB piece of output.</summary>
    private const string LongScript = """for i in $(seq 1 8000); do printf 'line %05d \xff\xc3\n' "$i"; done""";

    private static byte[] LongOutput()
    {
        var output = new MemoryStream();
        for (var i = 1; i <= 8000; i++)
        {
            output.Write(Encoding.ASCII.GetBytes($"line {i:D5} "));
            output.Write([0xff, 0xc3, (byte)'\n']);
        }

        return output.ToArray();
    }

    private async Task<string> RunAsync(string script)
    {
        var (status, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script });
        Assert.Equal(HttpStatusCode.OK, status);
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task<JsonElement> ReadAsync(string id, string query)
    {
        var (status, session) = await fixture.Client.GetJsonAsync($"/api/sessions/{id}{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return session;
    }

    [Fact]
    public async Task Utf8_carries_the_output_as_one_string_and_leaves_the_script_out()
    {
        var id = await RunAsync("echo 'hé'");

        var session = await ReadAsync(id, "?expand=event_stream&event_stream=utf8");

        Assert.Equal("hé\n", Assert.Single(session.GetProperty("event_stream").EnumerateArray()).GetString());
        Assert.Equal("""{"data":""}""", session.GetProperty("script").GetRawText());
    }

    [Fact]
    public async Task Base64_carries_the_outputs_bytes_as_one_string()
    {
        var id = await RunAsync("printf 'a\\x00b'");

        var session = await ReadAsync(id, "?expand=event_stream&event_stream=base64");

        Assert.Equal([(byte)'a', 0, (byte)'b'], Assert.Single(session.GetProperty("event_stream").EnumerateArray()).GetBytesFromBase64());
    }

    [Fact]
    public async Task No_format_gives_hoops_raw_events_one_output_event_at_zero()
    {
        var id = await RunAsync("echo raw");

        var session = await ReadAsync(id, "?expand=event_stream");

        Assert.Equal($"""[[0,"o","{Convert.ToBase64String("raw\n"u8)}"]]""", session.GetProperty("event_stream").GetRawText());
    }

    [Fact]
    public async Task Expanding_session_input_too_keeps_the_script()
    {
        var id = await RunAsync("echo both");

        var session = await ReadAsync(id, "?expand=event_stream,session_input&event_stream=utf8");

        Assert.Equal("echo both", session.GetProperty("script").GetProperty("data").GetString());
        Assert.Equal("both\n", session.GetProperty("event_stream")[0].GetString());
    }

    [Theory]
    [InlineData("?expand=event_stream&event_stream=raw-queries", "")]
    [InlineData("?event_stream=utf8", "echo plain")]
    [InlineData("?event_stream=bogus", "echo plain")]
    [InlineData("?expand=session_input&event_stream=bogus", "echo plain")]
    public async Task Without_an_expanded_stream_or_with_raw_queries_there_is_no_event_stream(string query, string script)
    {
        var id = await RunAsync("echo plain");

        var session = await ReadAsync(id, query);

        Assert.False(session.TryGetProperty("event_stream", out _));
        Assert.Equal(script, session.GetProperty("script").GetProperty("data").GetString());
        Assert.Equal("plain\n", session.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    [InlineData("json")]
    public async Task An_unknown_format_is_422(string format)
    {
        var id = await RunAsync("true");

        var answer = await fixture.Client.GetJsonAsync($"/api/sessions/{id}?expand=event_stream&event_stream={format}");

        Http.AssertError(HttpStatusCode.UnprocessableEntity, answer, "event_stream attribute has an unknown type format");
    }

    [Fact]
    public async Task A_long_output_with_invalid_utf8_reads_back_the_same_in_every_format()
    {
        var expected = LongOutput();
        var id = await RunAsync(LongScript);

        var utf8 = await ReadAsync(id, "?expand=event_stream&event_stream=utf8");
        var base64 = await ReadAsync(id, "?expand=event_stream&event_stream=base64");
        var events = await ReadAsync(id, "?expand=event_stream");

        Assert.Equal(expected.LongLength, utf8.GetProperty("event_size").GetInt64());
        Assert.Equal(Encoding.UTF8.GetString(expected), utf8.GetProperty("output").GetString());
        Assert.Equal(Encoding.UTF8.GetString(expected), Assert.Single(utf8.GetProperty("event_stream").EnumerateArray()).GetString());
        Assert.Equal(expected, Assert.Single(base64.GetProperty("event_stream").EnumerateArray()).GetBytesFromBase64());
        var only = Assert.Single(events.GetProperty("event_stream").EnumerateArray());
        Assert.Equal("o", only[1].GetString());
        Assert.Equal(expected, only[2].GetBytesFromBase64());
    }
}
