using System.Net;
using HoopOrleans.Testing.Hoop;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// <c>hoop exec</c> through the cluster's front ends, as hoop's CLI sends it: each front end serves
/// hoop's transport on its own gRPC listener, and the sessions live on the silos.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class HoopExecTests(LocalCluster cluster)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Each_front_end_runs_hoop_exec_and_the_other_reads_the_session(int front)
    {
        var result = await new HoopCli(cluster.FrontGrpc(front), LocalCluster.KeyOf("ops")).ExecAsync("bash", "echo through $((1 + 1)); exit 4");

        var (status, session) = await (front == 1 ? cluster.Front2 : cluster.Front1).GetJsonAsync($"/api/sessions/{result.SessionId}");
        Assert.Equal((4, "through 2\n"), (result.ExitCode, result.Output));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("done", "ops"), (session.Text("status"), session.Text("user")));
    }

    [Fact]
    public async Task A_review_approved_through_the_other_front_end_lets_the_run_go()
    {
        using var reviewer = cluster.Client(2, "rita");

        var result = await new HoopCli(cluster.FrontGrpc(1), LocalCluster.KeyOf("ops")).ExecAsync("gated", "echo reviewed", onWaitingApproval: async url =>
        {
            using var review = await reviewer.PutAsync($"/api/sessions/{url[(url.LastIndexOf('/') + 1)..]}/review", Json("""{"status": "APPROVED"}"""));
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        });

        Assert.Equal((0, "reviewed\n"), (result.ExitCode, result.Output));
        Assert.Contains("ClientSessionOpenApproveOK", result.Packets);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
