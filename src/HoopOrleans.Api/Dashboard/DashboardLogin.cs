using System.Security.Claims;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Security;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace HoopOrleans.Api.Dashboard;

/// <summary>
/// The dashboard's sign-in: a form that takes an admin or auditor key and answers with the
/// dashboard's cookie. The form is the service's own page (no script, nothing from another host),
/// its post is held to the origin rule wherever it arrives, and the key is read from the body only.
/// </summary>
internal static class DashboardLogin
{
    /// <summary>The largest sign-in body: a form with one key in it.</summary>
    private const int MaxFormBytes = 4096;

    public static IResult Page(HttpContext http)
    {
        NoStore(http);
        return Results.Content(DashboardLoginPage.Html(error: null), "text/html; charset=utf-8");
    }

    public static async Task<IResult> SignInAsync(HttpContext http, ApiKeyRegistry keys, Origins origins)
    {
        NoStore(http);

        // The request guard holds posts on the node's addresses to the origin rule; on the management
        // listener it steps aside, so the rule is applied here too.
        var origin = http.Request.Headers[HeaderNames.Origin];
        if (ManagementRoutes.IsManagementRequest(http) && origin.Count > 0 && (origin.Count > 1 || !origins.MayAct(origin[0]!, http.Request)))
        {
            return ApiErrors.Status(StatusCodes.Status403Forbidden, "requests from another origin are not allowed");
        }

        if (!http.Request.HasFormContentType || http.Request.ContentLength is null or > MaxFormBytes)
        {
            return ApiErrors.Status(StatusCodes.Status415UnsupportedMediaType, "sign in with the form: a urlencoded body of at most 4096 bytes");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["key"] is not [{ Length: > 0 } key] || !keys.TryFind(key, out var caller) || !(caller.Is(Roles.Admin) || caller.Is(Roles.Auditor)))
        {
            return Results.Content(DashboardLoginPage.Html("that key may not open the dashboard"), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.Name), .. caller.Roles.Select(role => new Claim(ClaimTypes.Role, role))],
            DashboardAccess.CookieScheme);
        await http.SignInAsync(DashboardAccess.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(DashboardEndpoints.Prefix + "/");
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
