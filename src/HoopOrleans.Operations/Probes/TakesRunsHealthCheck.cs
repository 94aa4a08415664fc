using HoopOrleans.Draining;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HoopOrleans.Operations.Probes;

/// <summary>
/// Healthy while the node takes new work: not asked to stop, and (on a node with a silo) not
/// draining. A load balancer that reads it stops sending new sessions to a node on its way out,
/// while the node finishes what it has.
/// </summary>
internal sealed class TakesRunsHealthCheck(IHostApplicationLifetime lifetime, SiloDrainState? drain = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            drain?.IsDraining == true ? HealthCheckResult.Unhealthy("draining: this node takes no new runs")
            : lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : HealthCheckResult.Healthy());
}
