using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// A key's runs are counted across the cluster: a run started through one front end, on whichever
/// silo, takes the key's one place for every front end, until it ends.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CallerBoundTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_keys_run_through_one_front_end_counts_against_it_on_the_other()
    {
        using var throughFirst = cluster.Client(1, "capped");
        using var throughSecond = cluster.Client(2, "capped");
        var (started, running) = await throughFirst.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 600" });

        var (refused, message) = await throughSecond.PostAsync("/api/sessions", new { connection = "bash", script = "echo second" });
        var (otherKey, _) = await cluster.Front2.PostAsync("/api/sessions", new { connection = "bash", script = "echo other" });
        using (var kill = await throughSecond.PostAsync($"/api/sessions/{running.Id()}/kill", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        }

        var (_, ended) = await throughSecond.GetJsonAsync($"/api/sessions/{running.Id()}?wait=60");
        var (again, ran) = await throughSecond.PostAsync("/api/sessions", new { connection = "bash", script = "echo second" });

        Assert.Equal(HttpStatusCode.Accepted, started);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Contains("Auth:Keys:capped:MaxConcurrentRuns", message.Text("message"));
        Assert.Equal(HttpStatusCode.OK, otherKey);
        Assert.Equal("done", ended.Text("status"));
        Assert.Equal((HttpStatusCode.OK, "second\n"), (again, ran.Text("output")));
    }
}
