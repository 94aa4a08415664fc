using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// The routes operators' tools call (probes, the scrape, the dashboard) and where they are served.
/// With a management listener, they are served there only, and it serves nothing else: a request
/// it receives skips the node's <c>Host</c> and origin rules (<see cref="IsManagementRequest"/>),
/// since nothing on it changes anything (<c>GET</c> only; the dashboard's login, a <c>POST</c>, is
/// held to the origin rule by its own handler).
/// </summary>
public static class ManagementRoutes
{
    /// <summary>The OpenAPI tag of these routes.</summary>
    public const string Tag = "Operations";

    public const string Metrics = "/metrics";
    public const string Dashboard = "/dashboard";
    public const string DashboardLogin = "/dashboard/login";

    private static readonly string[] Exact = ["/healthz", "/readyz", Metrics];
    private static readonly object RequestMark = new();

    /// <summary>Whether <paramref name="path"/> is one of the management routes.</summary>
    public static bool Contains(PathString path) =>
        Array.Exists(Exact, route => path.Equals(route, StringComparison.OrdinalIgnoreCase))
        || path.StartsWithSegments(Dashboard, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the request came through the management listener to one of its routes: the node's own request rules do not apply to it.</summary>
    public static bool IsManagementRequest(HttpContext http) => http.Items.TryGetValue(RequestMark, out var mark) && mark is true;

    /// <summary>Keeps the management listener and the node's own addresses apart; goes before every other rule.</summary>
    public static IApplicationBuilder UseManagementListener(this IApplicationBuilder app)
    {
        var listener = app.ApplicationServices.GetRequiredService<ManagementListener>();
        if (!listener.IsConfigured)
        {
            return app;
        }

        return app.Use((http, next) =>
        {
            var path = http.Request.Path;
            if (!ManagementListener.Received(http))
            {
                // The node's own addresses no longer serve what moved to the management listener.
                return Contains(path) ? WriteAsync(http, StatusCodes.Status404NotFound, "not found") : next(http);
            }

            if (!Contains(path))
            {
                return WriteAsync(http, StatusCodes.Status404NotFound, "the management listener serves /healthz, /readyz, /metrics and /dashboard only");
            }

            var method = http.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !(HttpMethods.IsPost(method) && path.Equals(DashboardLogin, StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.Headers.Allow = "GET, HEAD";
                return WriteAsync(http, StatusCodes.Status405MethodNotAllowed, "the management listener answers GET only");
            }

            http.Items[RequestMark] = true;
            return next(http);
        });
    }

    private static Task WriteAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync($"{{\"message\":\"{JsonEncodedText.Encode(message)}\"}}");
    }
}
