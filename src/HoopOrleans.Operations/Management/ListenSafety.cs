using System.Net;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// Judges the addresses Kestrel actually bound, whichever source configured them (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>, code). Without keys the
/// service may only listen on loopback, unless <c>Auth:AllowAnonymous</c> says that is intended;
/// with keys, a plain-HTTP address beyond loopback is allowed but sends the keys in clear.
/// </summary>
public static class ListenSafety
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

    /// <summary>
    /// The reason to refuse the management listener's addresses, or null: a node without keys
    /// serves its metrics beyond loopback only when <c>Management:Open</c> says anyone who reaches
    /// it may read them (or, on a front end, anonymous access is allowed anyway).
    /// </summary>
    public static string? ManagementRefusal(IEnumerable<string> managementAddresses, bool keyless, bool open)
    {
        var exposed = managementAddresses.Where(address => !IsLocal(address)).ToList();
        return keyless && !open && exposed.Count > 0
            ? $"Refusing to serve probes and metrics on {string.Join(", ", exposed)} without API keys: anyone who can reach it could read " +
              "the node's metrics. Configure Auth:Keys, listen on loopback only, or set Management:Open=true."
            : null;
    }

    /// <summary>The port of a bound address, or -1 (a Unix socket).</summary>
    public static int PortOf(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && !address.Contains("unix:", StringComparison.OrdinalIgnoreCase) ? uri.Port : -1;

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
