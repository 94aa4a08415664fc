using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HoopOrleans.Operations.Probes;

/// <summary>Healthy once this silo has joined the cluster and is active in its membership.</summary>
internal sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo is {status}"));
    }
}
