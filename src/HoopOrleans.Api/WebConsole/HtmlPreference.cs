using Microsoft.Net.Http.Headers;

namespace HoopOrleans.Api.WebConsole;

/// <summary>
/// Whether a request's <c>Accept</c> prefers HTML to JSON. A browser navigating to a link sends
/// <c>text/html,…,*/*;q=0.8</c>; scripts and hoop's clients send JSON, <c>*/*</c> or nothing, and
/// must keep getting JSON, so a tie (<c>*/*</c> alone) or no header is JSON.
/// </summary>
internal static class HtmlPreference
{
    public static bool Prefers(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        var html = Math.Max(Quality(types, "text", "html"), Quality(types, "application", "xhtml+xml"));
        return html > 0 && html > Quality(types, "application", "json");
    }

    /// <summary>The quality the most specific matching entry gives the type, as RFC 9110 reads it; 0 when none matches.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> types, string type, string subtype)
    {
        var best = -1;
        var quality = 0d;
        foreach (var entry in types)
        {
            var specificity = entry.MatchesAllTypes ? 1
                : !entry.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? -1
                : entry.MatchesAllSubTypes ? 2
                : entry.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 3
                : -1;
            if (specificity > best)
            {
                best = specificity;
                quality = entry.Quality ?? 1d;
            }
        }

        return quality;
    }
}
