using Microsoft.AspNetCore.Builder;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Operations.Probes;

/// <summary>
/// The probes every node answers, on ASP.NET Core's health checks: <c>/healthz</c> (the process is
/// alive: it calls nothing), <c>/readyz</c> (the cluster is reachable, the store answers, the node
/// takes runs; <c>503</c> otherwise) and the older <c>/health</c> (the cluster alone).
/// </summary>
public static class ProbeExtensions
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";
    public const string Health = "/health";

    private const string ReadyTag = "ready";
    private const string ClusterCheck = "cluster";

    /// <summary>The checks behind the probes, for a node of <paramref name="role"/>.</summary>
    public static IServiceCollection AddHoopProbes(this IServiceCollection services, NodeRole role)
    {
        var checks = services.AddHealthChecks();
        if (role == NodeRole.Silo)
        {
            checks.AddCheck<SiloActiveHealthCheck>(ClusterCheck, tags: [ReadyTag]);
        }
        else
        {
            checks.AddCheck<ClusterReachableHealthCheck>(ClusterCheck, tags: [ReadyTag]);
        }

        checks.AddCheck<StoreAnswersHealthCheck>("store", tags: [ReadyTag]);
        checks.AddCheck<TakesRunsHealthCheck>("runs", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c> and <c>/health</c>; each answers <c>200</c> or <c>503</c> with a JSON body.</summary>
    public static IEndpointRouteBuilder MapHoopProbes(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = ProbeAnswer.WriteAsync })
            .WithName("Liveness").WithSummary("The process is alive; calls neither the cluster nor the store").WithTags(ManagementRoutes.Tag);
        routes.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = ProbeAnswer.WriteAsync })
            .WithName("Readiness").WithSummary("The cluster is reachable, the store answers and the node takes runs").WithTags(ManagementRoutes.Tag);
        routes.MapHealthChecks(Health, new HealthCheckOptions { Predicate = check => check.Name == ClusterCheck, ResponseWriter = ProbeAnswer.WriteAsync })
            .WithName("Health").WithSummary("The node reaches an active silo (kept for scripts written against it)").WithTags(ManagementRoutes.Tag);
        return routes;
    }
}
