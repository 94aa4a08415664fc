using System.Net;

namespace HoopOrleans.Cluster.Tests;

/// <summary>Orleans' dashboard through a front end of the cluster: it sees every silo, each of which collects for it.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DashboardTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_front_ends_dashboard_shows_both_silos_to_an_admin_and_refuses_a_caller_without_a_key()
    {
        using var anonymous = new HttpClient { BaseAddress = cluster.Front2.BaseAddress };

        // The dashboard counts silos from what it last collected, and a test before this one may have
        // restarted a silo: wait until its next collection sees both.
        await Until.HoldsAsync("the dashboard counts both silos", async () =>
        {
            var (status, counters) = await cluster.Front1.GetJsonAsync("/dashboard/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, status);
            return counters.GetProperty("totalActiveHostCount").GetInt32() == 2;
        }, LocalCluster.SettleLimit);
        using var refused = await anonymous.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
