using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using HoopOrleans.Storage;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Auth;

/// <summary>The configured keys, found by the SHA-256 of the key a request presents.</summary>
internal sealed class ApiKeyRegistry(IOptions<AuthOptions> options)
{
    private readonly FrozenDictionary<string, Caller> _byHash = options.Value.Keys.ToFrozenDictionary(
        key => key.Value.Hash,
        key => new Caller(
            key.Key,
            key.Value.Roles.ToFrozenSet(StringComparer.Ordinal),
            key.Value.Connections.Contains("*") ? null : key.Value.Connections.ToFrozenSet(StringComparer.Ordinal)),
        StringComparer.Ordinal);

    /// <summary>No keys are configured: every call is the anonymous caller.</summary>
    public bool IsOpen => _byHash.Count == 0;

    /// <summary>
    /// The key called <paramref name="name"/> (in any case) as a reviewer, or null when there is no
    /// such key or it may not review (neither <c>reviewer</c> nor <c>admin</c>); a reviewer reviews on
    /// its key's connections only. A keyless
    /// service's anonymous caller reviews every session, its own included.
    /// </summary>
    public SessionReviewer? FindReviewer(string name)
    {
        if (IsOpen)
        {
            return string.Equals(name, Caller.AnonymousName, StringComparison.OrdinalIgnoreCase) ? new SessionReviewer(Caller.AnonymousName, ReviewsOwn: true) : null;
        }

        var key = _byHash.Values.FirstOrDefault(caller => string.Equals(caller.Name, name, StringComparison.OrdinalIgnoreCase));
        if (key is null || !(key.Is(Roles.Reviewer) || key.Is(Roles.Admin)))
        {
            return null;
        }

        // An admin sees, and so reviews, every session; a reviewer only those on its key's connections.
        return new SessionReviewer(key.Name, ReviewsOwn: false, Connections: key.Is(Roles.Admin) ? null : key.Actor.Connections);
    }

    public bool TryFind(string presentedKey, out Caller caller) => _byHash.TryGetValue(HashOf(presentedKey), out caller!);

    /// <summary>The lowercase hex SHA-256 of a key, as <c>Auth:Keys:*:Hash</c> holds it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
