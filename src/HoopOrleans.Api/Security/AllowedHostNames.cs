using HoopOrleans.Api.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HoopOrleans.Api.Security;

/// <summary>
/// The <c>Host</c> names the service answers to. Keyless and not <c>Auth:AllowAnonymous</c>: only
/// loopback names, so a web page whose own name was made to resolve to 127.0.0.1 (DNS rebinding)
/// is not served. Otherwise ASP.NET Core's <c>AllowedHosts</c> decides, with the same patterns
/// (<c>*</c>, <c>*.example.com</c>, names separated by <c>;</c>).
/// </summary>
internal sealed class AllowedHostNames
{
    private static readonly StringSegment[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private readonly StringSegment[] _patterns;

    public AllowedHostNames(ApiKeyRegistry keys, IOptions<AuthOptions> auth, IConfiguration configuration)
    {
        LoopbackOnly = keys.IsOpen && !auth.Value.AllowAnonymous;
        var configured = configuration[ConfigurationKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        _patterns = LoopbackOnly ? Loopback
            : configured.Length == 0 || configured.Contains("*") ? []
            : [.. configured.Select(pattern => new StringSegment(pattern))];
    }

    /// <summary>ASP.NET Core's key for the host names a service answers to.</summary>
    public const string ConfigurationKey = "AllowedHosts";

    /// <summary>Only loopback names are served: no keys, and anonymous access not allowed beyond loopback.</summary>
    public bool LoopbackOnly { get; }

    public bool Allows(HostString host) =>
        _patterns.Length == 0 || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _patterns));
}
