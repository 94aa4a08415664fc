using System.Security.Cryptography;
using System.Text;

namespace HoopOrleans.Api.Connections;

/// <summary>
/// A connection's <c>id</c>: a name-based UUID (RFC 9562 version 5) of its name, so every front
/// end gives the same connection the same id, across restarts, without storing one.
/// </summary>
internal static class ConnectionIds
{
    /// <summary>This service's namespace for connection names (a random UUID, fixed once).</summary>
    private static readonly Guid Namespace = new("6f1d8a53-2c4e-4b0a-9a57-3e8d1c2b7f40");

    public static string Of(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
