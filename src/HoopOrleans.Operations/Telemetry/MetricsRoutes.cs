using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Operations.Telemetry;

/// <summary>The Prometheus scrape, <c>/metrics</c>, a management route of every node.</summary>
public static class MetricsRoutes
{
    /// <summary>
    /// Maps <c>/metrics</c>: Prometheus' text format from this node's meters, or, with
    /// <c>Telemetry:Enabled=false</c>, a <c>404</c> saying so. Who may read it is the caller's to
    /// add (the front end requires a key unless <c>Management:Open</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapHoopMetrics(this IEndpointRouteBuilder routes)
    {
        var enabled = routes.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled;
        var endpoint = enabled
            ? routes.MapPrometheusScrapingEndpoint(ManagementRoutes.Metrics)
            : routes.MapGet(ManagementRoutes.Metrics, () => Results.Text(
                $"{{\"message\":\"metrics are off ({TelemetryOptions.Section}:Enabled=false)\"}}", "application/json; charset=utf-8", statusCode: StatusCodes.Status404NotFound));
        return endpoint.WithName("Metrics").WithSummary("This node's metrics in Prometheus' text format").WithTags(ManagementRoutes.Tag);
    }
}
