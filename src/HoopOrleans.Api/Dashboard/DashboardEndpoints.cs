using HoopOrleans.Api.Auth;
using HoopOrleans.Hosting;
using HoopOrleans.Operations.Management;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace HoopOrleans.Api.Dashboard;

/// <summary>
/// Orleans' dashboard at <c>/dashboard</c>, when <c>Orleans:Dashboard:Enabled</c> is set (every silo
/// collects its statistics then). Without keys the node is the loopback's only, so the page opens;
/// with keys it needs an admin or auditor, signed in once (<see cref="DashboardAccess"/>), unless
/// <c>Management:Open</c> opens it like the scrape.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Prefix = ManagementRoutes.Dashboard;
    public const string LoginPath = ManagementRoutes.DashboardLogin;

    public static WebApplication MapHoopDashboard(this WebApplication app)
    {
        var cluster = HoopClusterSettings.Read(app.Configuration);
        if (!cluster.Dashboard.Enabled)
        {
            return app;
        }

        var open = app.Services.GetRequiredService<ApiKeyRegistry>().IsOpen || app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Open;
        var dashboard = app.MapOrleansDashboard(Prefix).WithTags(ManagementRoutes.Tag).ExcludeFromDescription();
        dashboard.AddEndpointFilter(async (context, next) =>
        {
            // The dashboard's page is the dashboard's own; no other site may frame it.
            context.HttpContext.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });
        if (open)
        {
            dashboard.AllowAnonymous();
        }
        else
        {
            dashboard.RequireAuthorization(Roles.DashboardPolicy);
        }

        app.MapGet(LoginPath, DashboardLogin.Page).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(LoginPath, DashboardLogin.SignInAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
