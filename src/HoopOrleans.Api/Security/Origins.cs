using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Decides whether a request's <c>Origin</c> may act: the service's own origin (the request's
/// scheme and <c>Host</c>, after forwarded headers when those are configured) or one listed in
/// <c>Http:AllowedOrigins</c>. Browsers send <c>Origin</c> on every cross-origin request that can
/// change anything (form posts included), so refusing foreign origins keeps web pages from
/// driving the API with the user's network position or credentials.
/// </summary>
internal sealed class Origins(IOptions<HttpSecurityOptions> options)
{
    private readonly FrozenSet<string> _allowed = options.Value.AllowedOrigins
        .Select(origin => Normalize(origin)!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a request carrying this <c>Origin</c> header may be served.</summary>
    public bool MayAct(string origin, HttpRequest request) =>
        IsListed(origin) || (Normalize(origin) is { } normalized && normalized == Normalize($"{request.Scheme}://{request.Host.Value}"));

    /// <summary>Whether the origin is one of <c>Http:AllowedOrigins</c>; those also get CORS answers.</summary>
    public bool IsListed(string origin) => Normalize(origin) is { } normalized && _allowed.Contains(normalized);

    /// <summary>
    /// <c>scheme://host:port</c> in lower case with the port always written, or null when the text
    /// is not an http(s) origin (<c>null</c>, a path, credentials, a query).
    /// </summary>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || uri.PathAndQuery != "/"
            || uri.Fragment.Length > 0)
        {
            return null;
        }

        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}";
    }
}
