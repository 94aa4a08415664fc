using System.Buffers.Binary;
using System.Net.Sockets;

namespace HoopOrleans.Processes;

/// <summary>
/// Tells which user is at the other end of a Unix-domain socket connection: the kernel recorded the
/// peer's credentials when it connected (<c>SO_PEERCRED</c>), so nothing can race or forge them.
/// </summary>
public static class LocalUnixPeers
{
    /// <summary>struct ucred: pid, uid, gid.</summary>
    internal const int CredentialsBytes = 12;
    internal const int CredentialsUidOffset = 4;

    public static PeerLookup OwnerOf(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[CredentialsBytes];
        try
        {
            return socket.GetRawSocketOption(Libc.SOL_SOCKET, Libc.SO_PEERCRED, credentials) == CredentialsBytes
                ? PeerLookup.Owner(BinaryPrimitives.ReadUInt32LittleEndian(credentials[CredentialsUidOffset..]))
                : PeerLookup.Failure(Libc.EIO);
        }
        catch (SocketException e)
        {
            return PeerLookup.Failure(e.ErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Closed by its peer before it was asked: nobody is there to trust.
            return PeerLookup.NotHere;
        }
    }
}
