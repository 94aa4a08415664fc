using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Auth;

/// <summary>The configured keys, found by the SHA-256 of the key a request presents.</summary>
public sealed class ApiKeyRegistry(IOptions<AuthOptions> options)
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

    public bool TryFind(string presentedKey, out Caller caller) => _byHash.TryGetValue(HashOf(presentedKey), out caller!);

    /// <summary>The lowercase hex SHA-256 of a key, as <c>Auth:Keys:*:Hash</c> holds it.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
