using System.Net;

namespace HoopOrleans.Api.Dashboard;

/// <summary>The sign-in form: plain HTML, no script, every word of it this service's own.</summary>
internal static class DashboardLoginPage
{
    public static string Html(string? error) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>HoopOrleans dashboard: sign in</title>
        </head>
        <body>
          <main>
            <h1>Orleans dashboard</h1>
            <p>Sign in with an admin or auditor API key. The key is sent once; the dashboard then keeps a cookie for this browser for {{(int)DashboardAccess.SignedInFor.TotalHours}} hours.</p>
            {{(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="{{DashboardEndpoints.LoginPath}}">
              <label for="key">API key</label>
              <input id="key" name="key" type="password" autocomplete="off" required>
              <button type="submit">Sign in</button>
            </form>
          </main>
        </body>
        </html>
        """;
}
