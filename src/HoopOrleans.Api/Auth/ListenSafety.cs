using System.Net;

namespace HoopOrleans.Api.Auth;

/// <summary>
/// Secure by default: without keys the service takes anonymous calls only while it listens on
/// loopback. Asked to listen anywhere else with no keys, it refuses to start, unless
/// <c>Auth:AllowAnonymous</c> says that is intended.
/// </summary>
public static class ListenSafety
{
    public static void EnsureSafe(IConfiguration configuration, string urls)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Keys.Count > 0 || auth.AllowAnonymous)
        {
            return;
        }

        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToList();
        if (!string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            exposed.Add("every address (HTTP_PORTS)");
        }

        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {string.Join(", ", exposed)} without API keys: anyone who can reach it could run scripts. " +
                $"Configure {AuthOptions.Section}:Keys, listen on loopback only, or set {AuthOptions.Section}:AllowAnonymous=true.");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://any-host").Replace("://+", "://any-host"), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
