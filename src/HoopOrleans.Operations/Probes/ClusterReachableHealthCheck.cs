using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HoopOrleans.Operations.Probes;

/// <summary>Healthy once this front end reaches the cluster and it has an active silo to run sessions on.</summary>
internal sealed class ClusterReachableHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return silos.Count > 0 ? HealthCheckResult.Healthy($"{silos.Count} active silos") : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the cluster failed with (a silo gone, membership unreadable while PostgreSQL
            // restarts), the probe's answer is the same and the details stay in the log.
            return HealthCheckResult.Unhealthy("the cluster is unreachable", e);
        }
    }
}
