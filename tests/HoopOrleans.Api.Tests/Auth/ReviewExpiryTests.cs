using System.Net;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// <c>Retention:ReviewMaxAge</c> on the real front end and its embedded store: a session that has
/// waited for its review past it reads <c>done</c>, <c>failed</c>, "review expired", leaves the
/// pending list, and a review or exec of it is refused; one reviewed in time runs. The long wait is
/// a session stored as requested minutes ago; the test waits for the sweep, not the clock.
/// </summary>
public sealed class ReviewExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan ReviewMaxAge = TimeSpan.FromMinutes(1);

    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Retention:ReviewMaxAge"] = ReviewMaxAge.ToString(),
            ["Retention:SweepInterval"] = "00:00:00.100",
        };
        TestKeys.Add(settings, "alice", ["user"], ["gated"]);
        TestKeys.Add(settings, "rita", ["reviewer"], ["gated"]);
        _host = await ApiHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_session_waiting_past_the_max_age_settles_failed_and_a_review_after_is_409_while_one_reviewed_in_time_runs()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        using var alice = TestKeys.ClientAs(_host, "alice");
        using var rita = TestKeys.ClientAs(_host, "rita");
        var (_, fresh) = await alice.PostAsync("/api/sessions", new { connection = "gated", script = $"echo ran >> '{marker}'" });
        var inTime = fresh.GetProperty("session_id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Http.ReadAsync(await rita.PutAsync($"/api/sessions/{inTime}/review", Http.Json(new { status = "APPROVED" })))).Status);
        var old = StoredSessions.Waiting("alice", "gated", $"echo ran >> '{marker}'", DateTimeOffset.UtcNow - ReviewMaxAge - TimeSpan.FromMinutes(1));
        await StoredSessions.StoreAsync(_host, old);

        await Until.HoldsAsync("the waiting session expires", async () =>
            (await rita.GetJsonAsync($"/api/sessions/{old.Id}")).Body.GetProperty("status").GetString() == "done");

        var (_, expired) = await rita.GetJsonAsync($"/api/sessions/{old.Id}");
        Assert.Equal(("failed", ExitCodes.ServiceError, "review expired"), (expired.GetProperty("output_status").GetString(), expired.GetProperty("exit_code").GetInt32(), expired.GetProperty("failure_reason").GetString()));
        Assert.Equal(("REJECTED", "review expired"), (expired.GetProperty("review").GetProperty("status").GetString(), expired.GetProperty("review").GetProperty("rejection_reason").GetString()));
        var (_, pending) = await rita.GetJsonAsync("/api/sessions?review.status=PENDING");
        Assert.DoesNotContain(pending.GetProperty("data").EnumerateArray(), item => item.GetProperty("id").GetString() == old.Id);

        Http.AssertError(HttpStatusCode.Conflict, await Http.ReadAsync(await rita.PutAsync($"/api/sessions/{old.Id}/review", Http.Json(new { status = "APPROVED" }))), "the session is not waiting for a review");
        Http.AssertError(HttpStatusCode.Forbidden, await Http.ReadAsync(await alice.PostAsync($"/api/sessions/{old.Id}/exec", null)), "the session's review expired");

        // Reviewed in time: still ready, and it runs, once.
        var (_, ready) = await alice.GetJsonAsync($"/api/sessions/{inTime}");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var ran = await Http.ReadAsync(await alice.PostAsync($"/api/sessions/{inTime}/exec", null));
        Assert.Equal((HttpStatusCode.OK, 0), (ran.Status, ran.Body.GetProperty("exit_code").GetInt32()));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }
}
