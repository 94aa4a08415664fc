using System.Security.Cryptography;
using System.Text;
using HoopOrleans.Api.Errors;

namespace HoopOrleans.Api.Sessions;

/// <summary>Where session ids come from, and how requests name them.</summary>
internal static class SessionIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    public static readonly string InvalidIdempotencyKey = $"{IdempotencyKeyHeader} must be one value of 1 to {MaxIdempotencyKeyLength} characters";

    /// <summary>A fresh random id, as a lowercase UUID v4.</summary>
    public static string New() => Guid.NewGuid().ToString();

    /// <summary>Session ids are UUIDs; any spelling of one names the same session.</summary>
    public static bool TryParse(string id, out string sessionId)
    {
        var valid = Guid.TryParseExact(id, "D", out var guid);
        sessionId = valid ? guid.ToString() : "";
        return valid;
    }

    /// <summary>
    /// The request's idempotency key: null when it sends none; a <c>400</c> when the header is there
    /// but is not one value of 1 to 255 characters.
    /// </summary>
    public static Parsed<string?> ReadIdempotencyKey(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(IdempotencyKeyHeader, out var keys))
        {
            return new Parsed<string?>(null, null);
        }

        return keys.Count == 1 && keys[0] is { Length: > 0 and <= MaxIdempotencyKeyLength } value
            ? value
            : Refusal.BadRequest(InvalidIdempotencyKey);
    }

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
