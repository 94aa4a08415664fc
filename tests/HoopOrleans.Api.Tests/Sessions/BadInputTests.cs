using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"connection\": \"bash\",}")]
    [InlineData("[1, 2]")]
    [InlineData("\"bash\"")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body));
    }

    [Fact]
    public async Task A_body_with_invalid_utf8_is_400()
    {
        var bytes = new ByteArrayContent([.. "{\"connection\": \"bash\", \"script\": \""u8, 0xff, 0xfe, .. "\"}"u8]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        Http.AssertError(HttpStatusCode.BadRequest, await Http.ReadAsync(await fixture.Client.PostAsync("/api/sessions", bytes)));
    }

    [Fact]
    public async Task A_lone_surrogate_escape_is_400()
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", """{"connection": "bash", "script": "\ud800"}"""));
    }

    [Theory]
    [InlineData("""{"connection": 1}""", "connection must be a string")]
    [InlineData("""{"connection": ["bash"]}""", "connection must be a string")]
    [InlineData("""{"connection": "bash", "script": 5}""", "script must be a string")]
    [InlineData("""{"connection": "bash", "script": {"a": 1}}""", "script must be a string")]
    [InlineData("""{"connection": "bash", "client_args": "-x"}""", "client_args must be an array of strings")]
    [InlineData("""{"connection": "bash", "client_args": [1]}""", "client_args must be an array of strings")]
    [InlineData("""{"connection": "bash", "client_args": ["a", null]}""", "client_args must be an array of strings")]
    [InlineData("""{"connection": "bash", "metadata": [1]}""", "metadata must be an object")]
    [InlineData("""{"connection": "bash", "metadata": "x"}""", "metadata must be an object")]
    [InlineData("""{"connection": "bash", "labels": {"a": 1}}""", "labels must be an object of strings")]
    [InlineData("""{"connection": "bash", "labels": "x"}""", "labels must be an object of strings")]
    public async Task A_field_of_the_wrong_type_is_400(string body, string message)
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body), message);
    }

    [Theory]
    [InlineData("""{"script": "echo"}""", "connection not found")]
    [InlineData("""{"connection": ""}""", "connection not found")]
    [InlineData("""{"connection": null}""", "connection not found")]
    [InlineData("""{"connection": "postgres-prod"}""", "connection postgres-prod not found")]
    [InlineData("""{"connection": "BASH"}""", "connection BASH not found")]
    public async Task A_missing_empty_or_unknown_connection_is_400(string body, string message)
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions", body), message);
    }

    [Fact]
    public async Task Metadata_with_more_than_20_keys_is_422()
    {
        var metadata = Enumerable.Range(0, 21).ToDictionary(i => $"k{i}", i => (object)i);

        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", metadata }));
    }

    [Fact]
    public async Task Metadata_with_exactly_20_keys_is_accepted()
    {
        var metadata = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", i => (object)i);

        var (status, _) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true", metadata });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_metadata_key_of_2500_characters_is_422()
    {
        var metadata = new Dictionary<string, string> { [new string('k', 2500)] = "v" };

        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", metadata }));
    }

    [Fact]
    public async Task A_metadata_value_of_2500_characters_is_422()
    {
        var metadata = new Dictionary<string, string> { ["k"] = new string('v', 2500) };

        Http.AssertError(HttpStatusCode.UnprocessableEntity, await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", metadata }));
    }

    [Fact]
    public async Task A_metadata_value_just_under_the_limit_is_accepted()
    {
        var metadata = new Dictionary<string, string> { [new string('k', 2499)] = new string('v', 2499) };

        var (status, _) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true", metadata });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_it_is_sent()
    {
        // With Expect: 100-continue the server answers from Content-Length alone, so the client never
        // has to push the body into a connection that is about to close.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = Http.Json(new { connection = "bash", script = new string('x', 1024 * 1024 + 1) }),
        };
        request.Headers.ExpectContinue = true;

        Http.AssertError(HttpStatusCode.RequestEntityTooLarge, await Http.ReadAsync(await fixture.Client.SendAsync(request)));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var json = Encoding.UTF8.GetBytes($"{{\"connection\": \"bash\", \"script\": \"{new string('x', 1024 * 1024 + 1)}\"}}");
        var content = new StreamContent(new MemoryStream(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;

        Http.AssertError(HttpStatusCode.RequestEntityTooLarge, await Http.ReadAsync(await fixture.Client.SendAsync(request)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    public async Task A_bad_wait_is_400_and_runs_nothing(string wait)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");

        var answer = await fixture.Client.PostAsync($"/api/sessions?wait={wait}", new { connection = "bash", script = $"touch '{marker}'" });

        Http.AssertError(HttpStatusCode.BadRequest, answer, "wait must be a non-negative number of seconds");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Two_wait_values_are_400()
    {
        Http.AssertError(HttpStatusCode.BadRequest, await fixture.Client.PostAsync("/api/sessions?wait=1&wait=2", new { connection = "bash", script = "true" }));
    }

    [Fact]
    public async Task A_wait_beyond_the_maximum_is_clamped_not_refused()
    {
        var (status, _) = await fixture.Client.PostAsync("/api/sessions?wait=999999", new { connection = "bash", script = "true" });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_json_errors()
    {
        Http.AssertError(HttpStatusCode.NotFound, await fixture.Client.GetJsonAsync("/api/nothing-here"));
        Http.AssertError(HttpStatusCode.MethodNotAllowed, await Http.ReadAsync(await fixture.Client.PatchAsync("/api/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a11", null)));
    }
}
