using System.Net;
using HoopOrleans.Telemetry;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>The <c>HoopOrleans</c> meter moves as sessions run, read with a <see cref="System.Diagnostics.Metrics.MeterListener"/>.</summary>
public sealed class SessionMetricsTests(MeteredHost metered) : IClassFixture<MeteredHost>
{
    private const string Connection = MeteredHost.Connection;

    private static readonly (string, object) OnConnection = (HoopMetrics.ConnectionTag, Connection);

    private Measurements Measured => metered.Measurements;

    private HttpClient Client => metered.Host.Client;

    [Fact]
    public async Task A_run_counts_as_started_and_finished_by_outcome_and_connection_and_records_its_histograms()
    {
        var started = Measured.Sum("hooporleans.sessions.started", OnConnection);
        var succeeded = Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "success"));
        var failed = Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "failed"));
        var durations = Measured.Of("hooporleans.run.duration", OnConnection, (HoopMetrics.OutcomeTag, "success")).Count;
        var sizes = Measured.Of("hooporleans.run.output.size", OnConnection).Count;
        var spawns = Measured.Of("hooporleans.run.spawn.duration", OnConnection).Count;

        var (okStatus, ok) = await Client.PostAsync("/api/sessions", new { connection = Connection, script = "echo hello" });
        var (failStatus, fail) = await Client.PostAsync("/api/sessions", new { connection = Connection, script = "exit 3" });

        Assert.Equal((HttpStatusCode.OK, "success"), (okStatus, ok.GetProperty("output_status").GetString()));
        Assert.Equal((HttpStatusCode.OK, "failed"), (failStatus, fail.GetProperty("output_status").GetString()));
        Assert.Equal(started + 2, Measured.Sum("hooporleans.sessions.started", OnConnection));
        Assert.Equal(succeeded + 1, Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "success")));
        Assert.Equal(failed + 1, Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "failed")));
        Assert.Equal(durations + 1, Measured.Of("hooporleans.run.duration", OnConnection, (HoopMetrics.OutcomeTag, "success")).Count);
        Assert.Equal(spawns + 2, Measured.Of("hooporleans.run.spawn.duration", OnConnection).Count);
        var newSizes = Measured.Of("hooporleans.run.output.size", OnConnection).Skip(sizes).ToList();
        Assert.Contains("hello\n".Length, newSizes);
        Assert.Contains(0, newSizes);
    }

    [Fact]
    public async Task A_run_that_outlives_its_wait_answers_202_runs_and_its_kill_is_counted()
    {
        var accepted = Measured.Sum("hooporleans.api.accepted", OnConnection);
        var running = Measured.Sum("hooporleans.sessions.running", OnConnection);
        var killed = Measured.Sum("hooporleans.sessions.killed", OnConnection);
        var failed = Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "failed"));

        var (status, run) = await Client.PostAsync("/api/sessions?wait=0", new { connection = Connection, script = "sleep 300" });
        var runningWhileItRuns = Measured.Sum("hooporleans.sessions.running", OnConnection);
        using var kill = await Client.PostAsync($"/api/sessions/{run.GetProperty("session_id").GetString()}/kill", null);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        Assert.Equal(accepted + 1, Measured.Sum("hooporleans.api.accepted", OnConnection));
        Assert.Equal(running + 1, runningWhileItRuns);
        Assert.Equal(killed + 1, Measured.Sum("hooporleans.sessions.killed", OnConnection));
        Assert.Equal(failed + 1, Measured.Sum("hooporleans.sessions.finished", OnConnection, (HoopMetrics.OutcomeTag, "failed")));
    }

    [Fact]
    public async Task A_node_at_its_run_limit_answers_429_and_counts_it()
    {
        var (_, holder) = await Client.PostAsync("/api/sessions?wait=0", new { connection = Connection, script = "sleep 300" });
        var refused = Measured.Sum("hooporleans.api.refused", (HoopMetrics.StatusCodeTag, 429));

        using var second = await Client.PostAsync("/api/sessions", Http.Json(new { connection = Connection, script = "echo never" }));
        using (await Client.PostAsync($"/api/sessions/{holder.GetProperty("session_id").GetString()}/kill", null))
        {
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        // The meter is the process's: a test of another class may be refused meanwhile too.
        Assert.True(Measured.Sum("hooporleans.api.refused", (HoopMetrics.StatusCodeTag, 429)) >= refused + 1);
    }

    [Fact]
    public async Task A_session_waiting_for_review_is_counted_until_its_review()
    {
        var onReviewed = (HoopMetrics.ConnectionTag, (object)MeteredHost.ReviewedConnection);
        var waiting = Measured.Sum("hooporleans.sessions.awaiting_review", onReviewed);
        var failed = Measured.Sum("hooporleans.sessions.finished", onReviewed, (HoopMetrics.OutcomeTag, "failed"));

        var (_, created) = await Client.PostAsync("/api/sessions", new { connection = MeteredHost.ReviewedConnection, script = "echo approved" });
        var waitingBeforeReview = Measured.Sum("hooporleans.sessions.awaiting_review", onReviewed);
        using var review = await Client.PutAsync($"/api/sessions/{created.GetProperty("session_id").GetString()}/review", Http.Json(new { status = "REJECTED" }));

        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Equal(waiting + 1, waitingBeforeReview);
        Assert.Equal(waiting, Measured.Sum("hooporleans.sessions.awaiting_review", onReviewed));
        Assert.Equal(failed + 1, Measured.Sum("hooporleans.sessions.finished", onReviewed, (HoopMetrics.OutcomeTag, "failed")));
    }
}
