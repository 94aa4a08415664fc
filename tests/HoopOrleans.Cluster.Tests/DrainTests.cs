using System.Net;
using System.Text.Json;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// SIGTERM to a silo of the cluster (a rolling update): it takes no new runs, its runs finish and
/// are stored, what outlives the drain timeout (30 s on this cluster) ends as "node shut down",
/// never "lost". Each test starts the silo again before it ends.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DrainTests(LocalCluster cluster)
{
    /// <summary>Starts runs until one lands on silo 1, and returns its id.</summary>
    private async Task<string> RunOnSilo1Async(string script)
    {
        var silo1 = await cluster.SiloAddressAsync(1);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (status, body) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new { connection = "bash", script });
            Assert.Equal(HttpStatusCode.Accepted, status);
            var (_, session) = await cluster.Front1.GetJsonAsync($"/api/sessions/{body.Id()}");
            if (session.Text("silo") == silo1)
            {
                return body.Id();
            }

            using var _ = await cluster.Front1.PostAsync($"/api/sessions/{body.Id()}/kill", null);
        }

        throw new InvalidOperationException("fifty runs in a row went to silo 2");
    }

    [Fact]
    public async Task A_draining_silo_finishes_its_runs_stores_their_results_and_takes_no_new_ones()
    {
        var silo1 = await cluster.SiloAddressAsync(1);
        var folder = SharedFolders.Create("hoop-drain-");
        var flag = Path.Combine(folder, "release");
        var id = await RunOnSilo1Async($"while [ ! -e '{flag}' ]; do sleep 0.05; done; echo drained");
        try
        {
            await cluster.RunAsync("stop-silo", "1");
            await Until.HoldsAsync("silo 1 announces its drain", async () =>
                await cluster.QueryScalarAsync<long>("SELECT count(*) FROM draining_silos WHERE silo = $1", silo1) == 1, LocalCluster.SettleLimit);

            // New runs go to silo 2; one placed on silo 1 before its drain was known is refused
            // with a 503 and nothing run, and its retry lands elsewhere. They are not waited for
            // (wait=0): a loaded machine must not spend the drain here.
            var placed = new List<JsonElement>();
            for (var i = 0; i < 10; i++)
            {
                var (status, body) = await cluster.Front2.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "echo placed" });
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"a run while silo 1 drains answered {status}");
                if (status is HttpStatusCode.OK or HttpStatusCode.Accepted)
                {
                    placed.Add((await cluster.Front2.GetJsonAsync($"/api/sessions/{body.Id()}")).Body);
                }
            }

            var (_, draining) = await cluster.Front2.GetJsonAsync($"/api/sessions/{id}");
            await File.WriteAllTextAsync(flag, "");
            var (_, finished) = await cluster.Front2.GetJsonAsync($"/api/sessions/{id}?wait=30");

            Assert.NotEmpty(placed);
            Assert.All(placed, session => Assert.NotEqual(silo1, session.Text("silo")));
            Assert.Equal("running", draining.Text("status"));
            Assert.Equal("done", finished.Text("status"));
            Assert.Equal(0, finished.GetProperty("exit_code").GetInt32());
            Assert.Equal("drained\n", finished.Text("output"));
            Assert.Equal(silo1, finished.Text("silo"));
            await Until.HoldsAsync("silo 1 leaves once drained", () => !cluster.IsRunning("silo", 1), LocalCluster.SettleLimit);
            var (_, stored) = await cluster.Front1.GetJsonAsync($"/api/sessions/{id}");
            Assert.Equal("drained\n", stored.Text("output"));
        }
        finally
        {
            await File.WriteAllTextAsync(flag, "");
            await cluster.RestartAsync("silo", 1);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_run_that_outlives_the_drain_ends_as_node_shut_down_not_lost()
    {
        try
        {
            // The test waits the whole drain out: silo 1 comes back with a drain of 2 s rather
            // than the cluster's 30 s, which a run of ten minutes outlives just the same.
            if (cluster.IsRunning("silo", 1))
            {
                await cluster.RunAsync("stop-silo", "1", "--wait");
            }

            await cluster.RunWithAsync(new Dictionary<string, string> { ["HOOP_DRAIN_TIMEOUT"] = "00:00:02" }, "start-silo", "1");
            var id = await RunOnSilo1Async("sleep 600");
            await cluster.RunAsync("stop-silo", "1", "--wait");

            var (_, session) = await cluster.Front2.GetJsonAsync($"/api/sessions/{id}");
            Assert.Equal("done", session.Text("status"));
            Assert.Equal("node shut down", session.Text("failure_reason"));
            Assert.Equal(254, session.GetProperty("exit_code").GetInt32());
        }
        finally
        {
            await cluster.RestartAsync("silo", 1);
        }
    }
}
