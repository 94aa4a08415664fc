using HoopOrleans.Api.WebConsole;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// Serves <c>/sessions…</c> as <c>/api/sessions…</c> (the contract names both): one rewrite of the
/// path before routing, so every route is mapped once, under one name. Answers keep pointing at
/// <c>/api/sessions</c>.
/// </summary>
internal static class SessionsAlias
{
    private static readonly PathString Alias = "/sessions";

    private static readonly PathString Canonical = SessionEndpoints.Prefix;

    /// <summary>Goes before routing. The rest of the path is kept as it came, escapes included.</summary>
    public static IApplicationBuilder UseSessionsAlias(this IApplicationBuilder app) => app.Use(static (http, next) =>
    {
        // A browser following a session's link gets the console's page (which reads the session
        // through /api/sessions), served under the alias's own path, so it is not rewritten.
        if (ConsoleEndpoints.IsPageRequest(http))
        {
            return next(http);
        }

        if (http.Request.Path.StartsWithSegments(Alias, out var rest))
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                // The same URL may answer the console's page to another Accept: caches keep them apart.
                http.Response.Headers.Append("Vary", "Accept");
            }

            http.Request.Path = Canonical.Add(rest);
        }

        return next(http);
    });
}
