using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The probes of the cluster's nodes: every silo's own listener and every front end answer
/// <c>/healthz</c> and <c>/readyz</c>; with PostgreSQL stopped both stay live but are not ready,
/// naming the store, and are ready again once it is back.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ProbeTests(LocalCluster cluster)
{
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri node, string path)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private IEnumerable<Uri> Nodes => [cluster.SiloListener(1), cluster.SiloListener(2), cluster.Front1.BaseAddress!, cluster.Front2.BaseAddress!];

    [Fact]
    public async Task Every_silo_and_front_end_is_live_and_ready()
    {
        foreach (var node in Nodes)
        {
            var (live, _) = await GetAsync(node, "/healthz");
            var (ready, readiness) = await GetAsync(node, "/readyz");

            Assert.Equal(HttpStatusCode.OK, live);
            Assert.True(ready == HttpStatusCode.OK, $"{node} /readyz: {ready} {readiness}");
            Assert.Contains("\"store\":\"Healthy\"", readiness);
        }
    }

    [Fact]
    public async Task Without_postgres_nodes_stay_live_but_are_not_ready_until_it_is_back()
    {
        await cluster.StopPostgresAsync();
        try
        {
            foreach (var node in Nodes)
            {
                var (live, _) = await GetAsync(node, "/healthz");
                var (ready, readiness) = await GetAsync(node, "/readyz");

                Assert.Equal(HttpStatusCode.OK, live);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
                Assert.Contains("store: the session store is unavailable", readiness);
            }
        }
        finally
        {
            await cluster.StartPostgresAsync();
        }

        foreach (var node in Nodes)
        {
            await Until.HoldsAsync($"{node} is ready again", async () => (await GetAsync(node, "/readyz")).Status == HttpStatusCode.OK, LocalCluster.SettleLimit);
        }

        // A call that still meets a connection from before the restart is a 503 (never a 500), and
        // the tests after this one share the cluster: leave once both front ends run sessions again.
        foreach (var front in new[] { cluster.Front1, cluster.Front2 })
        {
            await Until.HoldsAsync("sessions run again", async () =>
            {
                var (status, _) = await front.PostAsync("/api/sessions", """{"connection": "bash", "script": "true"}""");
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {status}");
                return status == HttpStatusCode.OK;
            }, LocalCluster.SettleLimit);
        }
    }
}
