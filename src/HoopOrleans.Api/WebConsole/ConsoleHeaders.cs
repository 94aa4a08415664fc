namespace HoopOrleans.Api.WebConsole;

/// <summary>
/// The headers of the console's page and of every asset it loads. The page is the one place in the
/// service that turns data from runs (scripts, output, user names) into a document, so the policy
/// allows only the service's own files: an injected tag would find no inline script or style to
/// run and no other host to talk to, and no other site may frame the page to trick a click.
/// </summary>
internal static class ConsoleHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";

        // Session ids are in the page's URL; no link out should carry them to another site.
        headers["Referrer-Policy"] = "no-referrer";

        // The files are embedded in the assembly: a new build serves new ones at the same paths,
        // so a browser must ask again (ETag and Last-Modified make the asking cheap).
        headers.CacheControl = "no-cache";
    }
}
