using System.Net;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Judges the addresses Kestrel actually bound, whichever source configured them (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>, code). Without keys the
/// service may only listen on loopback, unless <c>Auth:AllowAnonymous</c> says that is intended;
/// with keys, a plain-HTTP address beyond loopback is allowed but sends the keys in clear.
/// </summary>
internal static class ListenSafety
{
    /// <summary>The reason to refuse these addresses, or null when they are safe.</summary>
    public static string? Refusal(IEnumerable<string> boundAddresses, bool keyless)
    {
        var exposed = boundAddresses.Where(address => !IsLocal(address)).ToList();
        return keyless && exposed.Count > 0
            ? $"Refusing to serve on {string.Join(", ", exposed)} without API keys: anyone who can reach it could run scripts. " +
              "Configure Auth:Keys, listen on loopback only, or set Auth:AllowAnonymous=true."
            : null;
    }

    /// <summary>Addresses beyond loopback that speak plain HTTP: keys presented there cross the network in clear.</summary>
    public static IReadOnlyList<string> PlainTextExposed(IEnumerable<string> boundAddresses) =>
        boundAddresses.Where(address => address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLocal(address)).ToList();

    /// <summary>Loopback addresses, <c>localhost</c> (which Kestrel binds to loopback only) and Unix sockets.</summary>
    public static bool IsLocal(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return false;
        }

        var rest = address[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
