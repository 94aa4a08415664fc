using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HoopOrleans.Operations.Probes;

/// <summary>Healthy while the session store answers: a node whose store is down can only answer 503.</summary>
internal sealed class StoreAnswersHealthCheck(ISessionStoreHealth store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SessionStoreUnavailableException e)
        {
            // The store's own words stay in this node's log, as for every 503.
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
