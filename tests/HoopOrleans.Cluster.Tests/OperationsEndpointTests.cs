using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The operators' endpoints on the cluster's nodes: every silo's own listener serves
/// <c>/metrics</c>, where the runs it held are counted; every front end serves <c>/metrics</c> to
/// a key that may read it, the OpenAPI document and its reference page.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class OperationsEndpointTests(LocalCluster cluster)
{
    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs of connection bash the silos counted, summed over both.</summary>
    private async Task<long> StartedOnSilosAsync()
    {
        long total = 0;
        foreach (var silo in new[] { 1, 2 })
        {
            using var client = new HttpClient { BaseAddress = cluster.SiloListener(silo) };
            var (status, text) = await GetAsync(client, "/metrics");
            Assert.True(status == HttpStatusCode.OK, $"silo {silo} /metrics: {status} {text}");
            var started = StartedBash().Match(text);
            total += started.Success ? long.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }

        return total;
    }

    [GeneratedRegex("""^hooporleans_sessions_started_total\{[^}]*connection="bash"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex StartedBash();

    [Fact]
    public async Task Silos_count_the_runs_they_held_on_their_own_listener()
    {
        var before = await StartedOnSilosAsync();

        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await (i % 2 == 0 ? cluster.Front1 : cluster.Front2).PostAsync("/api/sessions", """{"connection": "bash", "script": "true"}""");
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        }

        Assert.Equal(before + 4, await StartedOnSilosAsync());
    }

    [Fact]
    public async Task Front_ends_serve_metrics_to_an_admin_key_only()
    {
        foreach (var (front, n) in new[] { (cluster.Front1, 1), (cluster.Front2, 2) })
        {
            using var anonymous = new HttpClient { BaseAddress = front.BaseAddress };

            var (status, text) = await GetAsync(front, "/metrics");
            var (refused, _) = await GetAsync(anonymous, "/metrics");

            Assert.True(status == HttpStatusCode.OK, $"front end {n} /metrics: {status} {text}");
            Assert.Contains("http_server_request_duration_seconds", text);
            Assert.Equal(HttpStatusCode.Unauthorized, refused);
        }
    }

    [Fact]
    public async Task Front_ends_serve_the_openapi_document_and_its_page()
    {
        foreach (var front in new[] { cluster.Front1, cluster.Front2 })
        {
            var (documentStatus, document) = await GetAsync(front, "/openapi/v1.json");
            var (pageStatus, page) = await GetAsync(front, "/docs");

            Assert.Equal(HttpStatusCode.OK, documentStatus);
            Assert.Contains("\"/api/sessions\"", document);
            Assert.Equal(HttpStatusCode.OK, pageStatus);
            Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        }
    }
}
