using System.Diagnostics;
using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The cluster as operators run it. Tests that kill a node start it again before they end, so
/// every test finds two silos and two front ends.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClusterTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_session_created_through_one_front_end_reads_through_the_other()
    {
        var (status, created) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "bash", script = "echo \"$1\"", client_args = new[] { "hello world" } });

        var (readStatus, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{created.Id()}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal("done", session.Text("status"));
        Assert.Equal("hello world\n", session.Text("output"));
    }

    [Fact]
    public async Task The_contract_holds_through_both_front_ends()
    {
        foreach (var front in new[] { cluster.Front1, cluster.Front2 })
        {
            var (ok, body) = await front.PostAsync("/api/sessions", """{"client_args": ["x"], "connection": "bash", "labels": {}, "metadata": {}, "script": "exit 4"}""");
            var (badJson, badJsonBody) = await front.PostAsync("/api/sessions", "{");
            var (unknown, unknownBody) = await front.PostAsync("/api/sessions", new { connection = "nope" });
            var (missing, _) = await front.GetJsonAsync($"/api/sessions/{Guid.NewGuid()}");

            Assert.Equal(HttpStatusCode.OK, ok);
            Assert.Equal(4, body.GetProperty("exit_code").GetInt32());
            Assert.Equal("failed", body.Text("output_status"));
            Assert.Equal(HttpStatusCode.BadRequest, badJson);
            Assert.True(badJsonBody.TryGetProperty("message", out _));
            Assert.Equal(HttpStatusCode.BadRequest, unknown);
            Assert.Equal("connection nope not found", unknownBody.Text("message"));
            Assert.Equal(HttpStatusCode.NotFound, missing);
        }
    }

    [Fact]
    public async Task Runs_spread_over_both_silos_and_each_record_names_its_silo()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            (i % 2 == 0 ? cluster.Front1 : cluster.Front2).PostAsync("/api/sessions", new { connection = "bash", script = "true" })));

        var silos = new HashSet<string>();
        foreach (var (_, body) in created)
        {
            var (_, session) = await cluster.Front1.GetJsonAsync($"/api/sessions/{body.Id()}");
            var stored = await cluster.QueryScalarAsync<string>("SELECT silo FROM sessions WHERE id = $1", Guid.Parse(body.Id()));
            Assert.Equal(stored, session.Text("silo"));
            silos.Add(stored);
        }

        Assert.Equal(2, silos.Count);
    }

    [Fact]
    public async Task Killing_a_silo_mid_run_settles_its_sessions_as_lost_kills_their_processes_and_keeps_serving()
    {
        var folder = SharedFolders.Create("hoop-kill-");
        var flag = Path.Combine(folder, "release");
        var script = $"echo $$ > '{folder}'/\"$1\"; while [ ! -e '{flag}' ]; do sleep 0.1; done; echo released";
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var (status, body) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new { connection = "bash", script, client_args = new[] { $"run{i}" } });
            Assert.Equal(HttpStatusCode.Accepted, status);
            ids.Add(body.Id());
        }

        var pids = new List<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            pids.Add(await ProcessProbe.ReadPidAsync(Path.Combine(folder, $"run{i}")));
        }

        var silo1 = await cluster.SiloAddressAsync(1);
        var onSilo1 = new List<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (await cluster.QueryScalarAsync<string>("SELECT silo FROM sessions WHERE id = $1", Guid.Parse(ids[i])) == silo1)
            {
                onSilo1.Add(i);
            }
        }

        Assert.NotEmpty(onSilo1);
        Assert.NotEqual(ids.Count, onSilo1.Count);

        try
        {
            await cluster.RunAsync("kill-silo", "1");

            // Reads right after the kill answer at once, with 503 or the settled session, never after a 30 s hang.
            var read = Stopwatch.StartNew();
            var (earlyStatus, _) = await cluster.Front2.GetJsonAsync($"/api/sessions/{ids[onSilo1[0]]}");
            Assert.Contains(earlyStatus, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK });
            Assert.True(read.Elapsed < TimeSpan.FromSeconds(15), $"a read after the kill took {read.Elapsed}");

            // Nobody reads the others: the cluster settles them by itself.
            var lost = onSilo1.Skip(1).Select(i => Guid.Parse(ids[i])).ToArray();
            await Until.HoldsAsync("the cluster settles the lost sessions", async () => await cluster.QueryScalarAsync<long>(
                "SELECT count(*) FROM sessions WHERE id = ANY($1) AND status = 'done'", lost) == lost.Length, LocalCluster.SettleLimit);

            foreach (var i in onSilo1)
            {
                var session = await cluster.Front2.GetMovedSessionAsync($"/api/sessions/{ids[i]}");
                Assert.Equal("done", session.Text("status"));
                Assert.Equal("failed", session.Text("output_status"));
                Assert.Equal(-2, session.GetProperty("exit_code").GetInt32());
                Assert.Equal("lost", session.Text("failure_reason"));
                Assert.True(await ProcessProbe.WaitUntilGoneAsync(pids[i]), $"process {pids[i]} of a lost session outlived its silo");
            }

            var (newRun, newBody) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "bash", script = "echo still serving" });
            Assert.Equal(HttpStatusCode.OK, newRun);
            Assert.Equal("still serving\n", newBody.Text("output"));

            // The survivors' runs were never touched: released, they finish normally.
            await File.WriteAllTextAsync(flag, "");
            foreach (var i in Enumerable.Range(0, ids.Count).Except(onSilo1))
            {
                var (_, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{ids[i]}?wait=30");
                Assert.Equal("success", session.Text("output_status"));
                Assert.Equal("released\n", session.Text("output"));
            }
        }
        finally
        {
            await File.WriteAllTextAsync(flag, "");
            await cluster.RunAsync("start-silo", "1");
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Killing_a_front_end_loses_nothing()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var (status, created) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new
        {
            connection = "bash",
            script = $"while [ ! -e '{flag}' ]; do sleep 0.1; done; echo survived",
        });
        Assert.Equal(HttpStatusCode.Accepted, status);

        await cluster.RunAsync("kill-front", "1");
        try
        {
            await File.WriteAllTextAsync(flag, "");
            var (_, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{created.Id()}?wait=30");

            Assert.Equal("success", session.Text("output_status"));
            Assert.Equal("survived\n", session.Text("output"));
        }
        finally
        {
            await cluster.RunAsync("start-front", "1");
            File.Delete(flag);
        }
    }

    [Fact]
    public async Task A_whole_cluster_restart_keeps_every_finished_session()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            cluster.Front1.PostAsync("/api/sessions", new { connection = "bash", script = "echo \"kept $1\"", client_args = new[] { $"{i}" } })));

        await cluster.RunAsync("down");
        await cluster.RunAsync("up", "--no-build");

        for (var i = 0; i < created.Length; i++)
        {
            var (status, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{created[i].Body.Id()}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("done", session.Text("status"));
            Assert.Equal($"kept {i}\n", session.Text("output"));
        }
    }

    [Fact]
    public async Task The_listing_shows_sessions_of_both_silos_through_either_front_end()
    {
        var connection = "bash";
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? cluster.Front1 : cluster.Front2).PostAsync("/api/sessions", new { connection, script = "true", metadata = new { batch = "listing" } })));
        var ids = created.Select(c => c.Body.Id()).ToHashSet();

        var (status, page) = await cluster.Front2.GetJsonAsync("/api/sessions?limit=100&status=done");
        var listed = page.GetProperty("data").EnumerateArray().Where(item => ids.Contains(item.Text("id"))).ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ids.Count, listed.Count);
        Assert.Equal(2, listed.Select(item => item.Text("silo")).Distinct().Count());
        Assert.All(listed, item => Assert.Equal("""{"data":""}""", item.GetProperty("script").GetRawText()));
        var starts = page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("start_date").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
    }

    [Fact]
    public async Task Requests_racing_with_one_idempotency_key_on_two_front_ends_run_the_script_once()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var key = Guid.NewGuid().ToString();
        var body = System.Text.Json.JsonSerializer.Serialize(new { connection = "bash", script = $"echo ran >> '{marker}'" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await (i % 2 == 0 ? cluster.Front1 : cluster.Front2).SendAsync(request);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }));

        Assert.Single(answers.Select(a => a.Id()).Distinct());
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task A_session_started_through_one_front_end_is_killed_through_the_other()
    {
        var (_, created) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 300" });

        using var kill = await cluster.Front2.PostAsync($"/api/sessions/{created.Id()}/kill", null);
        var (_, session) = await cluster.Front1.GetJsonAsync($"/api/sessions/{created.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        Assert.Equal(254, session.GetProperty("exit_code").GetInt32());
        Assert.Equal("killed", session.Text("failure_reason"));
    }

    [Fact]
    public async Task Output_streams_through_the_front_end_that_did_not_start_the_run()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var (_, created) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = $"echo first; while [ ! -e '{flag}' ]; do sleep 0.05; done; echo second" });

        using var response = await cluster.Front2.GetAsync($"/api/sessions/{created.Id()}/stream", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.Contains("first"))
            {
                await File.WriteAllTextAsync(flag, "");
            }
        }

        Assert.Contains("data: {\"output\":\"first\\n\"}", lines);
        Assert.Contains("data: {\"output\":\"second\\n\"}", lines);
        Assert.Contains("event: result", lines);
        File.Delete(flag);
    }

    [Fact]
    public async Task An_approved_session_runs_once_when_execs_race_on_both_front_ends()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var (_, created) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "gated", script = $"echo ran >> '{marker}'" });
        var id = created.Id();
        using var rita = cluster.Client(2, "rita");
        using var approval = await rita.PutAsync($"/api/sessions/{id}/review", new StringContent("""{"status": "APPROVED"}""", System.Text.Encoding.UTF8, "application/json"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? cluster.Front1 : cluster.Front2).PostAsync($"/api/sessions/{id}/exec", null);
            return response.StatusCode;
        }));

        Assert.True(created.GetProperty("has_review").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }

    [Fact]
    public async Task Front_ends_refuse_calls_without_a_key()
    {
        using var anonymous = new HttpClient { BaseAddress = cluster.Front2.BaseAddress };

        var (status, body) = await anonymous.PostAsync("/api/sessions", new { connection = "bash", script = "true" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("access denied", body.Text("message"));
    }
}
