using System.Collections.Frozen;
using System.Net;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// <c>Auth:Keys:&lt;name&gt;:MaxConcurrentRuns</c> and <c>MaxStreams</c> on the real front end: a
/// key past its bound is <c>429</c> with <c>Retry-After</c> and a message naming the setting, while
/// other keys go on; once a run or stream ends, the key has its place back at once.
/// </summary>
public sealed class CallerBoundTests
{
    private static Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Auth:Keys:capped:MaxConcurrentRuns"] = "1",
            ["Auth:Keys:capped:MaxStreams"] = "1",
        };
        TestKeys.Add(settings, "capped", ["user"], ["*"]);
        TestKeys.Add(settings, "other", ["user"], ["*"]);
        TestKeys.Add(settings, "rita", ["reviewer"], ["*"]);
        return settings;
    }

    private static async Task<string> StartAsync(HttpClient client, string script, string connection = "bash")
    {
        var (status, body) = await client.PostAsync("/api/sessions?wait=0", new { connection, script });
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"the run answered {status}");
        return body.GetProperty("session_id").GetString()!;
    }

    /// <summary>Kills the run and waits for its final state, as the kill's 204 and the long poll tell it.</summary>
    private static async Task EndAsync(HttpClient client, string id)
    {
        using var kill = await client.PostAsync($"/api/sessions/{id}/kill", null);
        Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        var (_, session) = await client.GetJsonAsync($"/api/sessions/{id}?wait=60");
        Assert.Equal("done", session.GetProperty("status").GetString());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string setting)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var answer = await Http.ReadAsync(response);
        Http.AssertError(HttpStatusCode.TooManyRequests, answer);
        Assert.Contains(setting, answer.Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_key_past_its_runs_is_429_while_another_key_runs_and_may_run_again_once_its_run_ends()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        using var capped = TestKeys.ClientAs(host, "capped");
        using var other = TestKeys.ClientAs(host, "other");
        var running = await StartAsync(capped, "sleep 600");

        await AssertRefusedAsync(await capped.PostAsync("/api/sessions", Http.Json(new { connection = "bash", script = "echo again" })), "Auth:Keys:capped:MaxConcurrentRuns");
        var (otherStatus, otherRun) = await other.PostAsync("/api/sessions", new { connection = "bash", script = "echo other" });
        await EndAsync(capped, running);
        var (againStatus, again) = await capped.PostAsync("/api/sessions", new { connection = "bash", script = "echo again" });

        Assert.Equal((HttpStatusCode.OK, "other\n"), (otherStatus, otherRun.GetProperty("output").GetString()));
        Assert.Equal((HttpStatusCode.OK, "again\n"), (againStatus, again.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task An_approved_exec_counts_against_its_requester_like_a_run()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        using var capped = TestKeys.ClientAs(host, "capped");
        using var rita = TestKeys.ClientAs(host, "rita");
        var waiting = await StartAsync(capped, "echo approved", connection: "gated");
        using (var review = await rita.PutAsync($"/api/sessions/{waiting}/review", Http.Json(new { status = "APPROVED" })))
        {
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        }

        // Waiting for a review holds no run: only the running one below counts.
        var running = await StartAsync(capped, "sleep 600");
        await AssertRefusedAsync(await capped.PostAsync($"/api/sessions/{waiting}/exec", null), "Auth:Keys:capped:MaxConcurrentRuns");
        await EndAsync(capped, running);
        var (status, ran) = await Http.ReadAsync(await capped.PostAsync($"/api/sessions/{waiting}/exec", null));

        Assert.Equal((HttpStatusCode.OK, "approved\n"), (status, ran.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task A_key_past_its_streams_is_429_while_another_key_streams_and_may_stream_again_once_its_stream_ends()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        using var capped = TestKeys.ClientAs(host, "capped");
        using var other = TestKeys.ClientAs(host, "other");
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var id = await StartAsync(capped, $"echo first; while [ ! -e '{flag}' ]; do sleep 0.02; done; echo second");
        var others = await StartAsync(other, "echo theirs");

        using (var open = await capped.GetAsync($"/api/sessions/{id}/stream", HttpCompletionOption.ResponseHeadersRead))
        using (var events = new ServerSentEvents(await open.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("first\n", (await events.NextAsync())!.Json.GetProperty("output").GetString());

            await AssertRefusedAsync(await capped.GetAsync($"/api/sessions/{id}/result/stream"), "Auth:Keys:capped:MaxStreams");
            using var theirs = await other.GetAsync($"/api/sessions/{others}/result/stream");
            Assert.Equal((HttpStatusCode.OK, "theirs\n"), (theirs.StatusCode, await theirs.Content.ReadAsStringAsync()));

            // The stream ends with the run: its place is free by the time the client reads the end.
            await File.WriteAllTextAsync(flag, "");
            while (await events.NextAsync() is not null)
            {
            }
        }

        File.Delete(flag);
        using var again = await capped.GetAsync($"/api/sessions/{id}/result/stream");
        Assert.Equal((HttpStatusCode.OK, "first\nsecond\n"), (again.StatusCode, await again.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("Auth:Keys:capped:MaxConcurrentRuns", "0")]
    [InlineData("Auth:Keys:capped:MaxStreams", "-1")]
    [InlineData("Auth:Keys:capped:MaxConcurrentRuns", "many")]
    [InlineData("Auth:Keys:capped:MaxStreams", "1.5")]
    [InlineData("Auth:Defaults:MaxConcurrentRuns", "0")]
    [InlineData("Auth:Defaults:MaxStreams", "0")]
    [InlineData("Auth:Anonymous:MaxConcurrentRuns", "-5")]
    [InlineData("Auth:Anonymous:MaxStreams", "0")]
    public async Task A_bound_below_one_stops_the_start_naming_the_key(string key, string value)
    {
        var settings = Settings();
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ApiHost.StartAsync(settings);
        });

        Assert.Contains($"{key} must be a whole number of 1 or more", error.Message);
    }

    [Fact]
    public async Task The_keyless_caller_and_keys_without_their_own_have_finite_defaults()
    {
        await using var host = await ApiHost.StartAsync(Settings());
        var bounds = host.Services.GetRequiredService<CallerBounds>();
        var other = new Caller("other", FrozenSet.ToFrozenSet(["user"], StringComparer.Ordinal), null);

        Assert.Equal(new CallerBound(4096, "Auth:Anonymous:MaxConcurrentRuns"), bounds.RunsOf(Caller.Anonymous));
        Assert.Equal(new CallerBound(1024, "Auth:Anonymous:MaxStreams"), bounds.StreamsOf(Caller.Anonymous));
        Assert.Equal(new CallerBound(64, "Auth:Defaults:MaxConcurrentRuns"), bounds.RunsOf(other));
        Assert.Equal(new CallerBound(32, "Auth:Defaults:MaxStreams"), bounds.StreamsOf(other));
        Assert.Equal(new CallerBound(1, "Auth:Keys:capped:MaxStreams"), bounds.StreamsOf(other with { Name = "capped" }));
    }
}
