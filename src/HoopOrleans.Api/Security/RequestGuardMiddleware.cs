using HoopOrleans.Api.Errors;
using Microsoft.Net.Http.Headers;

namespace HoopOrleans.Api.Security;

/// <summary>
/// The first thing every request meets: it waits for the listen check, then is refused when its
/// <c>Host</c> is not one the service answers to (<c>400</c>) or its <c>Origin</c> is foreign
/// (<c>403</c>), or it comes from a run while the service has no keys (<c>403</c>). Runs before
/// authentication, so no key, however valid, lets a foreign page act.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, ListenGate gate, AllowedHostNames hosts, Origins origins, RunCallers runs)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!gate.Opened.IsCompletedSuccessfully)
        {
            await gate.Opened.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!gate.Opened.IsCompletedSuccessfully)
            {
                await ApiErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "the service refused to serve on the addresses it was given");
                return;
            }
        }

        if (!hosts.Allows(http.Request.Host))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status400BadRequest, hosts.LoopbackOnly
                ? "without API keys this service answers only to localhost, 127.0.0.1 and [::1]"
                : "this host name is not one the service answers to");
            return;
        }

        var origin = http.Request.Headers[HeaderNames.Origin];
        if (origin.Count > 0 && (origin.Count > 1 || !origins.MayAct(origin[0]!, http.Request)))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "requests from another origin are not allowed");
            return;
        }

        if (runs.IsRun(http))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "a run cannot call a service that has no API keys");
            return;
        }

        await next(http);
    }
}
