using System.Net;
using HoopOrleans.Api.Sessions;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed class StreamTests(ApiFixture fixture)
{
    private async Task<string> StartAsync(string script)
    {
        var (status, body) = await fixture.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script });
        Assert.Equal(HttpStatusCode.Accepted, status);
        return body.GetProperty("session_id").GetString()!;
    }

    private async Task<(HttpResponseMessage Response, ServerSentEvents Events)> OpenAsync(string id, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new ServerSentEvents(await response.Content.ReadAsStreamAsync()));
    }

    private static string Flag() => Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");

    [Fact]
    public async Task Output_arrives_while_the_run_goes_on_and_the_stream_ends_with_the_result()
    {
        var flag = Flag();
        var id = await StartAsync($"echo first; while [ ! -e '{flag}' ]; do sleep 0.02; done; echo second");
        var (response, events) = await OpenAsync(id);
        using (response)
        using (events)
        {
            // The script waits for the flag, which is only created once the first output has arrived.
            var first = await events.NextAsync();
            await File.WriteAllTextAsync(flag, "");
            var second = await events.NextAsync();
            var result = await events.NextAsync();

            Assert.Equal(("output", "6", "first\n"), (first!.Name, first.Id, first.Json.GetProperty("output").GetString()));
            Assert.Equal(("output", "13", "second\n"), (second!.Name, second.Id, second.Json.GetProperty("output").GetString()));
            Assert.Equal("result", result!.Name);
            Assert.Equal(0, result.Json.GetProperty("exit_code").GetInt32());
            Assert.Equal("success", result.Json.GetProperty("output_status").GetString());
            Assert.Null(await events.NextAsync());
        }

        File.Delete(flag);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_last_event_id_gets_exactly_the_remaining_bytes()
    {
        var flag = Flag();
        var id = await StartAsync($"printf 'abc\\n'; while [ ! -e '{flag}' ]; do sleep 0.02; done; printf 'déf\\nghi'");
        string lastId;
        var (response, events) = await OpenAsync(id);
        using (response)
        using (events)
        {
            lastId = (await events.NextAsync())!.Id!;
        }

        await File.WriteAllTextAsync(flag, "");
        var (again, resumed) = await OpenAsync(id, lastId);
        using (again)
        using (resumed)
        {
            var text = "";
            ServerSentEvents.Event? next;
            while ((next = await resumed.NextAsync()) is { Name: "output" })
            {
                text += next.Json.GetProperty("output").GetString();
            }

            Assert.Equal("4", lastId);
            Assert.Equal("déf\nghi", text);
            Assert.Equal("result", next!.Name);
            Assert.Equal("12", next.Id);
        }

        File.Delete(flag);
    }

    [Fact]
    public async Task A_finished_session_streams_its_whole_output_and_result_at_once()
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "seq 1 20000; exit 3" });
        var expected = string.Concat(Enumerable.Range(1, 20000).Select(i => $"{i}\n"));
        var (response, events) = await OpenAsync(created.GetProperty("session_id").GetString()!);
        using (response)
        using (events)
        {
            var text = "";
            ServerSentEvents.Event? next;
            while ((next = await events.NextAsync()) is { Name: "output" })
            {
                text += next.Json.GetProperty("output").GetString();
                Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text).ToString(), next.Id);
            }

            Assert.Equal(expected, text);
            Assert.Equal(3, next!.Json.GetProperty("exit_code").GetInt32());
        }
    }

    [Fact]
    public async Task A_character_split_across_writes_is_never_split_in_the_stream()
    {
        var flag = Flag();
        var id = await StartAsync($"printf '\\xc3'; while [ ! -e '{flag}' ]; do sleep 0.02; done; printf '\\xa9!'");
        var (response, events) = await OpenAsync(id);
        using (response)
        using (events)
        {
            await File.WriteAllTextAsync(flag, "");
            var text = "";
            ServerSentEvents.Event? next;
            while ((next = await events.NextAsync()) is { Name: "output" })
            {
                text += next.Json.GetProperty("output").GetString();
            }

            Assert.Equal("é!", text);
        }

        File.Delete(flag);
    }

    [Fact]
    public async Task The_result_stream_is_the_output_as_plain_text()
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "printf 'plain é\\n'; echo err >&2" });

        using var response = await fixture.Client.GetAsync($"/sessions/{created.GetProperty("session_id").GetString()}/result/stream");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("plain é\nerr\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a11/stream")]
    [InlineData("/api/sessions/nope/stream")]
    [InlineData("/api/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a11/result/stream")]
    public async Task Streams_of_unknown_sessions_are_404(string path)
    {
        Http.AssertError(HttpStatusCode.NotFound, await fixture.Client.GetJsonAsync(path), "not found");
    }

    [Fact]
    public async Task A_malformed_last_event_id_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{Guid.NewGuid()}/stream");
        request.Headers.Add("Last-Event-ID", "-5");

        Http.AssertError(HttpStatusCode.BadRequest, await Http.ReadAsync(await fixture.Client.SendAsync(request)));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xc3 }, 1)]
    [InlineData(new byte[] { 0xc3, 0xa9 }, 2)]
    [InlineData(new byte[] { (byte)'a', 0xe2, 0x82 }, 1)]
    [InlineData(new byte[] { 0xe2, 0x82, 0xac }, 3)]
    [InlineData(new byte[] { 0xf0, 0x9f, 0x9a }, 0)]
    [InlineData(new byte[] { (byte)'a', 0xff }, 2)]
    [InlineData(new byte[] { }, 0)]
    public void Complete_utf8_length_stops_before_an_unfinished_character(byte[] bytes, int complete) =>
        Assert.Equal(complete, SessionStreams.CompleteUtf8Length(bytes));
}
