using System.Net;
using System.Text.Json;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// Connections live on the silos configured with them, as hoop's agents live in their networks:
/// silo 1 alone hosts "north", silo 2 alone "south" (and the reviewed "south-gated"), both host
/// "bash" and "gated". Sessions run only where their connection lives; a connection whose hosts
/// are all dead is 503 until one joins, and the others keep running meanwhile.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConnectionPlacementTests(LocalCluster cluster)
{
    private const string Unavailable = "no node serving connection {0} is available";

    /// <summary>Runs <paramref name="script"/> on <paramref name="connection"/> to its end and returns the silo that ran it.</summary>
    private static async Task<string> RunAsync(HttpClient front, string connection, string script = "echo ran")
    {
        var (status, body) = await front.PostAsync("/api/sessions", new { connection, script });
        Assert.True(status == HttpStatusCode.OK, $"{connection}: {status} {body}");
        Assert.Equal(0, body.GetProperty("exit_code").GetInt32());
        var (_, session) = await front.GetJsonAsync($"/api/sessions/{body.Id()}");
        return session.Text("silo");
    }

    /// <summary>Runs on <paramref name="connection"/> until a node serves it (a 503 asks for a retry) and returns the silo that ran it.</summary>
    private static async Task<string> RunOnceServedAsync(HttpClient front, string connection)
    {
        string? ranOn = null;
        await Until.HoldsAsync($"a run on {connection} is served", async () =>
        {
            var (status, body) = await front.PostAsync("/api/sessions", new { connection, script = "echo ran" });
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{connection}: {status} {body}");
            if (status == HttpStatusCode.OK)
            {
                ranOn = (await front.GetJsonAsync($"/api/sessions/{body.Id()}")).Body.Text("silo");
            }

            return ranOn is not null;
        }, LocalCluster.SettleLimit);
        return ranOn!;
    }

    private async Task<JsonElement> ConnectionAsync(string name)
    {
        var (status, body) = await cluster.Front1.GetJsonAsync($"/api/connections/{name}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task Every_session_runs_on_a_silo_that_hosts_its_connection_and_a_shared_one_uses_both()
    {
        var silo1 = await cluster.SiloAddressAsync(1);
        var silo2 = await cluster.SiloAddressAsync(2);
        var ran = new Dictionary<string, HashSet<string>> { ["north"] = [], ["south"] = [], ["bash"] = [] };
        for (var i = 0; i < 16; i++)
        {
            var front = i % 2 == 0 ? cluster.Front1 : cluster.Front2;
            foreach (var (connection, silos) in ran)
            {
                silos.Add(await RunAsync(front, connection));
            }
        }

        Assert.Equal([silo1], ran["north"]);
        Assert.Equal([silo2], ran["south"]);
        Assert.Equal(new HashSet<string> { silo1, silo2 }, ran["bash"]);
    }

    [Fact]
    public async Task The_listing_shows_each_connection_its_nodes_and_hoops_fields_but_never_a_secret()
    {
        var silo1 = await cluster.SiloAddressAsync(1);
        var silo2 = await cluster.SiloAddressAsync(2);
        using var listed = await cluster.Front2.GetAsync("/api/connections");
        var text = await listed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var all = JsonDocument.Parse(text).RootElement.EnumerateArray().ToDictionary(item => item.Text("name"));

        Assert.Equal(["bash", "gated", "north", "south", "south-gated"], all.Keys.Order());
        var north = all["north"];
        Assert.Equal(["bash", "-s"], north.GetProperty("command").EnumerateArray().Select(arg => arg.GetString()));
        Assert.Equal(("database", "postgres", "online", "north"), (north.Text("type"), north.Text("subtype"), north.Text("status"), north.Text("resource_name")));
        Assert.Equal("north", north.GetProperty("connection_tags").GetProperty("network").GetString());
        Assert.Equal(("enabled", "disabled", "disabled"), (north.Text("access_mode_exec"), north.Text("access_mode_connect"), north.Text("access_mode_runbooks")));
        Assert.Equal([silo1], north.GetProperty("nodes").EnumerateArray().Select(node => node.GetString()));
        Assert.Equal([silo2], all["south"].GetProperty("nodes").EnumerateArray().Select(node => node.GetString()));
        Assert.Equal([silo1, silo2], all["bash"].GetProperty("nodes").EnumerateArray().Select(node => node.GetString()!).Order());
        Assert.Equal(["reviewer"], all["south-gated"].GetProperty("reviewers").EnumerateArray().Select(group => group.GetString()));
        Assert.Empty(north.GetProperty("reviewers").EnumerateArray());
        Assert.Equal(north.Text("id"), (await ConnectionAsync("north")).Text("id"));

        // The secret is silo 1's alone: its runs get it, no answer shows it.
        Assert.DoesNotContain(LocalCluster.NorthSecret, text);
        Assert.DoesNotContain("NORTH_TOKEN", text);
        var (_, run) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "north", script = "test \"$NORTH_TOKEN\" = '" + LocalCluster.NorthSecret + "' && echo has-token" });
        Assert.Equal("has-token\n", run.Text("output"));

        // A key sees the connections it may use.
        using var rita = cluster.Client(1, "rita");
        var (_, ritas) = await rita.GetJsonAsync("/api/connections");
        Assert.Equal(["gated"], ritas.EnumerateArray().Select(item => item.Text("name")));
        Assert.Equal(HttpStatusCode.NotFound, (await rita.GetJsonAsync("/api/connections/north")).Status);
    }

    [Fact]
    public async Task With_its_only_host_dead_a_connection_is_503_until_a_host_joins_and_the_others_keep_running()
    {
        var silo2 = await cluster.SiloAddressAsync(2);
        try
        {
            await cluster.RunAsync("kill-silo", "1");
            var message = string.Format(Unavailable, "north");
            await Until.HoldsAsync("north is refused as having no live host", async () =>
            {
                var (status, body) = await cluster.Front2.PostAsync("/api/sessions", new { connection = "north", script = "echo no" });
                return status == HttpStatusCode.ServiceUnavailable && body.Text("message") == message;
            }, LocalCluster.SettleLimit);

            using (var refused = await cluster.Front1.PostAsync("/api/sessions", Http("north")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
                Assert.Equal($$"""{"message":"{{message}}"}""", await refused.Content.ReadAsStringAsync());
            }

            // The front end reads the membership a second at a time; the silos' placement may have known first.
            await Until.HoldsAsync("the listing shows north offline", async () =>
                (await ConnectionAsync("north")).Text("status") == "offline", LocalCluster.SettleLimit);
            Assert.Empty((await ConnectionAsync("north")).GetProperty("nodes").EnumerateArray());
            var (unknown, unknownBody) = await cluster.Front1.PostAsync("/api/sessions", new { connection = "west", script = "echo no" });
            Assert.Equal((HttpStatusCode.BadRequest, "connection west not found"), (unknown, unknownBody.Text("message")));

            // The other connections keep running, on the silo left.
            Assert.Equal(silo2, await RunAsync(cluster.Front1, "south"));
            Assert.Equal(silo2, await RunAsync(cluster.Front2, "bash"));

            await cluster.RunAsync("start-silo", "1");
            var joined = await cluster.SiloAddressAsync(1);
            await Until.HoldsAsync("north is online again once silo 1 joined", async () =>
                (await ConnectionAsync("north")).Text("status") == "online", LocalCluster.SettleLimit);

            // Each node learns of the join on its own (its membership view, its read of the adverts):
            // until the gateway a run meets has, the run is a 503 that asks for a retry, never a failure.
            var ranOn = await RunOnceServedAsync(cluster.Front2, "north");
            Assert.Equal(joined, ranOn);
        }
        finally
        {
            if (!cluster.IsRunning("silo", 1))
            {
                await cluster.RunAsync("start-silo", "1");
            }
        }
    }

    [Fact]
    public async Task An_approved_sessions_exec_reaches_a_host_after_its_silo_died_and_another_joined()
    {
        using var capped = cluster.Client(1, "capped");
        var (created, session) = await capped.PostAsync("/api/sessions", new { connection = "south-gated", script = "echo reviewed" });
        Assert.Equal(HttpStatusCode.OK, created);
        var id = session.Id();
        try
        {
            await cluster.RunAsync("kill-silo", "2");
            await Until.HoldsAsync("south-gated is offline", async () =>
                (await ConnectionAsync("south-gated")).Text("status") == "offline", LocalCluster.SettleLimit);

            // The review goes to the silo left (nothing runs yet); the exec cannot run anywhere.
            using var review = await cluster.Front2.PutAsync($"/api/sessions/{id}/review", Http(new { status = "APPROVED" }));
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
            var (refused, refusal) = await capped.PostAsync($"/api/sessions/{id}/exec", "");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, string.Format(Unavailable, "south-gated")), (refused, refusal.Text("message")));

            await cluster.RunAsync("start-silo", "2");
            var joined = await cluster.SiloAddressAsync(2);
            await Until.HoldsAsync("south-gated is online again", async () =>
                (await ConnectionAsync("south-gated")).Text("status") == "online", LocalCluster.SettleLimit);
            var (executed, result) = (HttpStatusCode.ServiceUnavailable, default(JsonElement));
            await Until.HoldsAsync("the exec is served once silo 2 is known to the node it meets", async () =>
            {
                (executed, result) = await capped.PostAsync($"/api/sessions/{id}/exec", "");
                Assert.True(executed is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"exec: {executed} {result}");
                return executed == HttpStatusCode.OK;
            }, LocalCluster.SettleLimit);
            Assert.Equal("reviewed\n", result.Text("output"));
            Assert.Equal(joined, (await capped.GetJsonAsync($"/api/sessions/{id}")).Body.Text("silo"));
        }
        finally
        {
            if (!cluster.IsRunning("silo", 2))
            {
                await cluster.RunAsync("start-silo", "2");
            }
        }
    }

    [Fact]
    public async Task A_silo_that_hosts_a_connection_unlike_a_live_silo_does_not_start_and_names_the_keys()
    {
        // Silo 3, on ports of its own, hosts north with another type and timeout than silo 1's.
        var changed = new Dictionary<string, string>
        {
            ["HOOP_SILO_PORT"] = (FreePorts.Next() - 2).ToString(),
            ["HOOP_GATEWAY_PORT"] = (FreePorts.Next() - 2).ToString(),
            ["HOOP_HEALTH_PORT"] = (FreePorts.Next() - 2).ToString(),
            ["HOOP_SILO_3_ARGS"] = string.Join(' ', [.. LocalCluster.OwnConnection("north"), "--Connections:north:Type=application", "--Connections:north:Timeout=00:05:00"]),
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.RunWithAsync(changed, "start-silo", "3"));

        Assert.Contains("Connections:north:Type, Connections:north:Timeout differ from what silo", failure.Message);
        Assert.False(cluster.IsRunning("silo", 3));
        Assert.Equal("online", (await ConnectionAsync("north")).Text("status"));
        Assert.Equal("database", (await ConnectionAsync("north")).Text("type"));
    }

    private static StringContent Http(object body) =>
        new(body as string is { } name ? JsonSerializer.Serialize(new { connection = name, script = "echo no" }) : JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
