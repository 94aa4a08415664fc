using System.Security.Cryptography;
using System.Text;

namespace HoopOrleans.Api.Sessions;

/// <summary>Where session ids come from.</summary>
public static class SessionIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>A fresh random id, as a lowercase UUID v4.</summary>
    public static string New() => Guid.NewGuid().ToString();

    /// <summary>
    /// The id a caller's idempotency key stands for: a hash of caller and key shaped as a UUID v4.
    /// Every request with the same key reaches the same session grain, whichever front end it
    /// comes through, and that grain runs its script at most once.
    /// </summary>
    public static string FromIdempotencyKey(string user, string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{key}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
