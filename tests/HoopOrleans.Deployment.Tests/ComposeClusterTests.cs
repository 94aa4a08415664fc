using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using HoopOrleans.Deployment.Tests.Cluster;
using HoopOrleans.Testing.Hoop;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// The compose file's configuration is complete, not only well-formed: the published silo and
/// front end, given exactly the environment compose.yaml gives each service, form a cluster whose
/// every node is ready and that runs a session through either front end with the key it configures,
/// over the HTTP API and as <c>hoop exec</c> over each front end's gRPC listener.
/// </summary>
public sealed class ComposeClusterTests(ComposeCluster cluster) : IClassFixture<ComposeCluster>
{
    private IEnumerable<string> FrontEnds => cluster.Project.Services.Values
        .Where(service => service.Dockerfile?.EndsWith("api.Dockerfile", StringComparison.Ordinal) == true).Select(service => service.Name);

    private IEnumerable<string> Silos => cluster.Project.Services.Values
        .Where(service => service.Dockerfile?.EndsWith("silo.Dockerfile", StringComparison.Ordinal) == true).Select(service => service.Name);

    private HttpClient Api(string front, string? key)
    {
        // The API's port in the container: ASP.NET Core's ASPNETCORE_HTTP_PORTS, as the image and the compose file set it.
        var client = cluster.Client(front, int.Parse(cluster.ContainerEnvironments[front]["ASPNETCORE_HTTP_PORTS"]));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    [Fact]
    public void The_compose_file_runs_two_silos_and_two_front_ends()
    {
        Assert.Equal(2, Silos.Count());
        Assert.Equal(2, FrontEnds.Count());
    }

    [Fact]
    public async Task A_session_runs_through_each_front_end_and_reads_through_the_other()
    {
        var fronts = FrontEnds.ToList();
        for (var i = 0; i < fronts.Count; i++)
        {
            using var api = Api(fronts[i], cluster.OpsKey);
            using var response = await api.PostAsJsonAsync("/api/sessions", new { connection = "bash", script = "echo \"hello $1\"", client_args = new[] { fronts[i] } });
            var body = await response.Content.ReadAsStringAsync();

            // 202 is an answer too: the run goes on, and the client reads it (a silo's first run, with
            // its JIT and its run user's home to make, can outlast one grain call on a loaded machine).
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{fronts[i]}: {response.StatusCode} {body}");
            var id = JsonDocument.Parse(body).RootElement.GetProperty("session_id").GetString();

            using var other = Api(fronts[(i + 1) % fronts.Count], cluster.OpsKey);
            var session = await other.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}?wait=60");
            Assert.True(session.GetProperty("status").GetString() == "done", $"{id} through {other.BaseAddress}: {session}\n{Logs()}");
            Assert.Equal($"hello {fronts[i]}\n", session.GetProperty("output").GetString());
            Assert.Equal(0, session.GetProperty("exit_code").GetInt32());
            Assert.Equal("ops", session.GetProperty("user").GetString());
        }
    }

    [Fact]
    public async Task Hoop_exec_runs_through_each_front_end_s_grpc_listener()
    {
        foreach (var front in FrontEnds)
        {
            // Each front end's Grpc__Urls moved to a port of its own here, as two containers' 8010
            // cannot both be on this machine; the stream is plaintext HTTP/2, as the file serves it.
            var grpc = cluster.GrpcAddress(front);
            var result = await new HoopCli(grpc, cluster.OpsKey).ExecAsync("bash", $"echo \"hello {front}\"");
            Assert.True(result is { ExitCode: 0 } && result.Output == $"hello {front}\n", $"{front} at {grpc}: {result.ExitCode} {result.Output} {result.Error}\n{Logs()}");

            using var api = Api(front, cluster.OpsKey);
            var session = await api.GetFromJsonAsync<JsonElement>($"/api/sessions/{result.SessionId}");
            Assert.Equal("ops", session.GetProperty("user").GetString());

            // The keys hold on the gRPC listener as on the API: it listens beyond loopback because of them.
            var refused = await Assert.ThrowsAsync<RpcException>(() => new HoopCli(grpc).ExecAsync("bash", "true"));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }
    }

    private string Logs() => string.Join("\n", cluster.Nodes.Select(node => $"--- {node.Name}\n{node.Output}"));

    [Fact]
    public async Task A_front_end_refuses_a_caller_without_the_key()
    {
        foreach (var front in FrontEnds)
        {
            using var api = Api(front, key: null);
            using var response = await api.PostAsJsonAsync("/api/sessions", new { connection = "bash", script = "echo no" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Every_health_check_of_the_compose_file_passes()
    {
        foreach (var service in cluster.Project.Services.Values.Where(service => service.Dockerfile is not null))
        {
            Assert.NotEmpty(service.Healthcheck);
            var start = new ProcessStartInfo(service.Healthcheck[0]) { RedirectStandardError = true };
            foreach (var argument in service.Healthcheck.Skip(1))
            {
                start.ArgumentList.Add(cluster.Addresses.Command(service.Name, argument));
            }

            using var check = Process.Start(start)!;
            var errors = await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            Assert.True(check.ExitCode == 0, $"{service.Name}'s health check failed ({check.ExitCode}): {errors}");
        }
    }

    [Fact]
    public void Every_silo_says_how_its_runs_are_walled_off()
    {
        // The line the README quotes: with or without a cgroup per run, the silo says which at start.
        foreach (var silo in cluster.Nodes.Where(node => Silos.Contains(node.Name)))
        {
            Assert.Contains("Runs are walled off with ", silo.Output);
        }
    }
}
