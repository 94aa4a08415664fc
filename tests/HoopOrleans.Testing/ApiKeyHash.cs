using System.Security.Cryptography;
using System.Text;

namespace HoopOrleans.Testing;

/// <summary>
/// The hash a node is configured with for an API key (<c>Auth:Keys:NAME:Hash</c>): the lowercase
/// hex SHA-256 of the key's UTF-8 bytes.
/// </summary>
/// <remarks>
/// Computed here rather than taken from the front end's own registry, so that this library needs
/// no project of src/ (whose types may change visibility); a test of the front end pins the two
/// equal, so they cannot drift apart.
/// </remarks>
public static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
