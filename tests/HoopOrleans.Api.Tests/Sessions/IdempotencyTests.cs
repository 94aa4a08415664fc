using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string key, object body, string path = "/api/sessions")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Http.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await Http.ReadAsync(await fixture.Client.SendAsync(request));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_run_the_script_once_and_share_the_session()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var key = Guid.NewGuid().ToString();
        var body = new { connection = "bash", script = $"echo ran >> '{marker}'; echo done" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(key, body)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Single(answers.Select(a => a.Body.GetProperty("session_id").GetString()).Distinct());
        Assert.All(answers, answer => Assert.Equal("done\n", answer.Body.GetProperty("output").GetString()));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task A_retry_gets_the_answer_a_plain_request_would_give_now()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var key = Guid.NewGuid().ToString();
        var body = new { connection = "bash", script = $"while [ ! -e '{flag}' ]; do sleep 0.02; done; echo finished" };

        var first = await PostAsync(key, body, "/api/sessions?wait=0");
        await File.WriteAllTextAsync(flag, "");
        var retry = await PostAsync(key, body, "/sessions?wait=60");

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body.GetProperty("session_id").GetString(), retry.Body.GetProperty("session_id").GetString());
        Assert.Equal("finished\n", retry.Body.GetProperty("output").GetString());
        File.Delete(flag);
    }

    [Fact]
    public async Task The_same_body_written_differently_is_the_same_request()
    {
        var key = Guid.NewGuid().ToString();

        var first = await PostRawAsync(key, """{"connection": "bash", "script": "true", "metadata": {"a": 1, "b": [1, 2]}}""");
        var second = await PostRawAsync(key, """{"metadata":{"b":[1,2],"a":1},"script":"true","connection":"bash","unknown":5}""");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Body.GetProperty("session_id").GetString(), second.Body.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409()
    {
        var key = Guid.NewGuid().ToString();
        await PostAsync(key, new { connection = "bash", script = "echo one" });

        Http.AssertError(HttpStatusCode.Conflict, await PostAsync(key, new { connection = "bash", script = "echo two" }));
    }

    [Fact]
    public async Task Different_keys_make_different_sessions()
    {
        var body = new { connection = "bash", script = "true" };

        var one = await PostAsync(Guid.NewGuid().ToString(), body);
        var two = await PostAsync(Guid.NewGuid().ToString(), body);

        Assert.NotEqual(one.Body.GetProperty("session_id").GetString(), two.Body.GetProperty("session_id").GetString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", one.Body.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task A_key_that_is_too_long_is_400_and_runs_nothing()
    {
        Http.AssertError(HttpStatusCode.BadRequest, await PostAsync(new string('k', 256), new { connection = "bash", script = "true" }));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add("Idempotency-Key", key);
        return await Http.ReadAsync(await fixture.Client.SendAsync(request));
    }
}
