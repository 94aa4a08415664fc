using Microsoft.Extensions.Primitives;
using HoopOrleans.Api.Errors;
using HoopOrleans.Operations.Management;
using Microsoft.Net.Http.Headers;

namespace HoopOrleans.Api.Security;

/// <summary>
/// The first thing every request meets: it waits for the listen check, then is refused when its
/// <c>Host</c> is not one the service answers to (<c>400</c>) or its <c>Origin</c> is foreign
/// (<c>403</c>), or, while the service has no keys, its connection's caller is not one that may
/// call (<c>403</c>; <see cref="LocalCallers"/> judged it when the connection was accepted). Runs before
/// authentication, so no key, however valid, lets a foreign page act.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, ListenGate gate, AllowedHostNames hosts, Origins origins, LocalCallers callers)
{
    // Every request passes here, so a request that passes every check goes on without a state machine.
    public Task InvokeAsync(HttpContext http)
    {
        if (!gate.Opened.IsCompletedSuccessfully)
        {
            return WaitForListenAsync(http);
        }

        // The management listener serves only probes, the scrape and the dashboard, to callers that
        // name the node by its address; whether a key is needed is the routes' own policy.
        if (ManagementRoutes.IsManagementRequest(http))
        {
            return next(http);
        }

        return Refusal(http) is { } refusal ? ApiErrors.WriteAsync(http, refusal.Status, refusal.Message) : next(http);
    }

    private async Task WaitForListenAsync(HttpContext http)
    {
        await gate.Opened.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!gate.Opened.IsCompletedSuccessfully)
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "the service refused to serve on the addresses it was given");
            return;
        }

        await InvokeAsync(http);
    }

    /// <summary>
    /// hoop's CLI names itself in gRPC metadata called <c>origin</c>, whose value is <c>client</c>:
    /// on the gRPC listener that is what it is. A browser's <c>Origin</c> is always a scheme and
    /// host, set by the browser itself, so no page can send this one.
    /// </summary>
    private static bool IsHoopClientMetadata(HttpContext http, StringValues origin) =>
        origin.Count == 1 && origin[0] == "client" && Grpc.GrpcListener.Received(http);

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    private (int Status, string Message)? Refusal(HttpContext http)
    {
        if (!hosts.Allows(http.Request.Host))
        {
            return (StatusCodes.Status400BadRequest, hosts.LoopbackOnly
                ? "without API keys this service answers only to localhost, 127.0.0.1 and [::1]"
                : "this host name is not one the service answers to");
        }

        var origin = http.Request.Headers[HeaderNames.Origin];
        if (origin.Count > 0 && (origin.Count > 1 || !origins.MayAct(origin[0]!, http.Request)) && !IsHoopClientMetadata(http, origin))
        {
            return (StatusCodes.Status403Forbidden, "requests from another origin are not allowed");
        }

        return callers.Refuses(http) ? (StatusCodes.Status403Forbidden, LocalCallers.RefusalMessage) : null;
    }
}
