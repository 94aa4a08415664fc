using Scalar.AspNetCore;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// The <c>Content-Security-Policy</c> of the reference page: nothing from another host. Scripts are
/// the page's own files and its one inline module, which carries the nonce Scalar makes for each
/// request; styles may be inline, since Scalar's components write theirs into the page; the page
/// fetches only the document and, when "try it" sends a request, this service.
/// </summary>
internal sealed class ReferencePagePolicy : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // The handler makes the nonce; its answer is written only after the filters return.
        var answer = await next(context);
        var http = context.HttpContext;
        var nonce = http.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) ? value as string : null;
        http.Response.Headers.ContentSecurityPolicy = Policy(nonce);
        return answer;
    }

    /// <summary>Without a nonce the page's inline module is refused: a page that does not start rather than one open to any script.</summary>
    private static string Policy(string? nonce) =>
        "default-src 'none'; "
        + (nonce is null ? "script-src 'self'; " : $"script-src 'self' 'nonce-{nonce}'; ")
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
