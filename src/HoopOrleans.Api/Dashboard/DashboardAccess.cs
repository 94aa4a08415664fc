using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HoopOrleans.Api.Dashboard;

/// <summary>
/// Who may open the dashboard. Its page cannot send a bearer header, so a browser signs in once
/// with an admin or auditor key (<see cref="DashboardLogin"/>) and then carries a cookie that is
/// <c>HttpOnly</c>, <c>SameSite=Strict</c> and scoped to <c>/dashboard</c>; a tool may still send
/// the key itself. The key never reaches the cookie, a URL or a log: the cookie holds the key's
/// name and roles, protected by ASP.NET Core's data protection.
/// </summary>
internal static class DashboardAccess
{
    /// <summary>Chooses the key's scheme when a request sends a key, else the cookie's.</summary>
    public const string Scheme = "dashboard";

    public const string CookieScheme = "dashboard-cookie";

    public const string CookieName = "hoop-dashboard";

    public static readonly TimeSpan SignedInFor = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddDashboardAccess(this AuthenticationBuilder authentication) => authentication
        .AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = DashboardEndpoints.Prefix;
            cookie.ExpireTimeSpan = SignedInFor;
            cookie.SlidingExpiration = false;
            cookie.Events.OnRedirectToLogin = context => RefuseAsync(context, StatusCodes.Status401Unauthorized, "sign in with an admin or auditor key first");
            cookie.Events.OnRedirectToAccessDenied = context => RefuseAsync(context, StatusCodes.Status403Forbidden, "this key may not open the dashboard");
        })
        .AddPolicyScheme(Scheme, "a key, or the dashboard's cookie", policy => policy.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.Count > 0 || http.Request.Headers.ContainsKey("Api-Key") ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme);

    /// <summary>A page is sent to the sign-in form; the page's own calls get the error, as every API error.</summary>
    private static Task RefuseAsync(RedirectContext<CookieAuthenticationOptions> context, int status, string message)
    {
        var path = context.Request.Path;
        if (status == StatusCodes.Status401Unauthorized && HttpMethods.IsGet(context.Request.Method)
            && (path.Equals(DashboardEndpoints.Prefix) || path.Equals(DashboardEndpoints.Prefix + "/") || path.Equals(DashboardEndpoints.Prefix + "/index.html")))
        {
            context.Response.Redirect(DashboardEndpoints.LoginPath);
            return Task.CompletedTask;
        }

        return ApiErrors.WriteAsync(context.HttpContext, status, message);
    }
}
