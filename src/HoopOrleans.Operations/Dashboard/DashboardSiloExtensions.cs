using HoopOrleans.Hosting;
using Orleans.Dashboard;

namespace HoopOrleans.Operations.Dashboard;

public static class DashboardSiloExtensions
{
    /// <summary>
    /// Adds Orleans' dashboard to this silo when <c>Orleans:Dashboard:Enabled</c> is set: every silo
    /// of a cluster must, for the dashboard a front end serves to see the whole cluster. Its live
    /// log stream stays off: the logs are the operators' log pipeline's, not a web page's.
    /// </summary>
    public static ISiloBuilder AddHoopDashboard(this ISiloBuilder silo, HoopClusterOptions cluster) =>
        cluster.Dashboard.Enabled ? silo.AddDashboard(options => options.HideTrace = true) : silo;

    /// <summary>The front end's side, when it is a cluster client.</summary>
    public static IClientBuilder AddHoopDashboard(this IClientBuilder client, HoopClusterOptions cluster) =>
        cluster.Dashboard.Enabled ? client.AddDashboard(options => options.HideTrace = true) : client;
}
