using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// Tells which user owns the other end of a TCP connection made from this machine, by asking the
/// kernel's socket diagnostics (netlink <c>sock_diag</c>, what <c>ss</c> uses) for that one socket
/// by its exact addresses and ports: one round trip, however many sockets the machine holds (a scan
/// of <c>/proc/net/tcp</c> would read them all for every lookup).
/// </summary>
public static unsafe class LocalTcpPeers
{
    // The kernel's constants and layouts; the tests compare each with the system's headers.
    internal const ushort SOCK_DIAG_BY_FAMILY = 20;
    internal const ushort NLM_F_REQUEST = 1;
    internal const byte IPPROTO_TCP = 6;
    internal const ushort NLMSG_ERROR = 2;

    /// <summary><c>struct sockaddr_nl</c>.</summary>
    internal const int SocketAddressBytes = 12;

    /// <summary>struct nlmsghdr, which every message starts with.</summary>
    internal const int HeaderBytes = 16;

    /// <summary>In struct nlmsghdr: nlmsg_seq, which the kernel copies into its answer.</summary>
    internal const int SequenceOffset = 8;

    /// <summary>In struct inet_diag_req_v2 (8 bytes, then struct inet_diag_sockid, 48): the states wanted, and the socket's id.</summary>
    internal const int RequestStatesOffset = 4;
    internal const int RequestSocketIdOffset = 8;
    internal const int RequestBytes = HeaderBytes + 8 + 48;

    /// <summary>In struct inet_diag_sockid: the addresses, and the cookie.</summary>
    internal const int SocketIdSourceOffset = 4;
    internal const int SocketIdDestinationOffset = 20;
    internal const int SocketIdCookieOffset = 40;

    /// <summary>
    /// In the answer, struct inet_diag_msg: family, state, timer, retrans (4 bytes), the sockid
    /// (48), then expires, rqueue, wqueue (12), then the owner's uid.
    /// </summary>
    internal const int AnswerStateOffset = HeaderBytes + 1;
    internal const int AnswerUidOffset = HeaderBytes + 4 + 48 + 12;

    /// <summary>
    /// The one state whose owner is trusted. The kernel answers a lookup by addresses whatever the
    /// socket's state, and a socket its program already closed reports uid 0 (TIME_WAIT) or
    /// outlives its program: a caller that sent its request and closed at once must not pass as root.
    /// </summary>
    internal const byte TCP_ESTABLISHED = 1;

    /// <summary>
    /// Who owns the socket at <paramref name="remote"/> connected to <paramref name="local"/>, both
    /// as this side of the connection sees them: its uid while it is established on this machine,
    /// <see cref="PeerLookupOutcome.NotFound"/> when no such live socket is here, or the error that
    /// kept the kernel from answering.
    /// </summary>
    public static PeerLookup OwnerOf(IPEndPoint remote, IPEndPoint local)
    {
        var remoteAddress = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var localAddress = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        if (remoteAddress.AddressFamily != localAddress.AddressFamily)
        {
            return PeerLookup.NotHere;
        }

        // The peer's socket: its source is our remote end, its destination our local end.
        return Ask(remoteAddress, remote.Port, localAddress, local.Port);
    }

    // One netlink socket per thread, kept: a socket and its close were half of every lookup's cost
    // (one per new connection of a keyless service). Threads that go leave theirs to the finalizer.
    [ThreadStatic]
    private static SafeFileDescriptorHandle? t_socket;

    [ThreadStatic]
    private static uint t_sequence;

    private static PeerLookup Ask(IPAddress source, int sourcePort, IPAddress destination, int destinationPort)
    {
        var socket = t_socket ??= Libc.socket(Libc.AF_NETLINK, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.NETLINK_SOCK_DIAG);
        if (socket.IsInvalid)
        {
            return Forget(socket, Marshal.GetLastPInvokeError());
        }

        var sequence = ++t_sequence;
        Span<byte> request = stackalloc byte[RequestBytes];
        request.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(request, RequestBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(request[4..], SOCK_DIAG_BY_FAMILY);
        BinaryPrimitives.WriteUInt16LittleEndian(request[6..], NLM_F_REQUEST);
        BinaryPrimitives.WriteUInt32LittleEndian(request[SequenceOffset..], sequence);
        var diag = request[HeaderBytes..];
        diag[0] = source.AddressFamily == AddressFamily.InterNetwork ? (byte)Libc.AF_INET : (byte)Libc.AF_INET6;
        diag[1] = IPPROTO_TCP;
        BinaryPrimitives.WriteUInt32LittleEndian(diag[RequestStatesOffset..], uint.MaxValue);   // any state
        var id = diag[RequestSocketIdOffset..];
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(id[2..], (ushort)destinationPort);
        source.TryWriteBytes(id[SocketIdSourceOffset..SocketIdDestinationOffset], out _);
        destination.TryWriteBytes(id[SocketIdDestinationOffset..(SocketIdDestinationOffset + 16)], out _);
        BinaryPrimitives.WriteUInt64LittleEndian(id[SocketIdCookieOffset..], ulong.MaxValue);   // INET_DIAG_NOCOOKIE

        var kernel = stackalloc byte[SocketAddressBytes];   // pid 0: the kernel
        new Span<byte>(kernel, SocketAddressBytes).Clear();
        kernel[0] = Libc.AF_NETLINK;
        fixed (byte* bytes = request)
        {
            long sent;
            do
            {
                sent = Libc.sendto(socket, bytes, RequestBytes, 0, kernel, SocketAddressBytes);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);

            if (sent != RequestBytes)
            {
                return Forget(socket, sent < 0 ? Marshal.GetLastPInvokeError() : Libc.EIO);
            }
        }

        // The kernel answers within sendto, so the answer is queued by now: reading never waits, and
        // an answer to an earlier request (none is expected) is passed over by its sequence number.
        var answer = stackalloc byte[1024];
        while (true)
        {
            var got = Libc.recv(socket, answer, 1024, Libc.MSG_DONTWAIT);
            if (got < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == Libc.EINTR)
                {
                    continue;
                }

                return Forget(socket, error);
            }

            var reply = new ReadOnlySpan<byte>(answer, (int)got);
            if (reply.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(reply[SequenceOffset..]) != sequence)
            {
                continue;
            }

            return Read(reply);
        }
    }

    /// <summary>The kernel's answer: the socket and its owner, or NLMSG_ERROR with ENOENT for none here (any other error is a failure).</summary>
    internal static PeerLookup Read(ReadOnlySpan<byte> reply)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]) == NLMSG_ERROR)
        {
            // struct nlmsgerr after the header: the negated errno.
            var error = reply.Length >= HeaderBytes + 4 ? -BinaryPrimitives.ReadInt32LittleEndian(reply[HeaderBytes..]) : Libc.EIO;
            return error == Libc.ENOENT ? PeerLookup.NotHere : PeerLookup.Failure(error);
        }

        if (reply.Length < AnswerUidOffset + 4 || BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]) != SOCK_DIAG_BY_FAMILY)
        {
            return PeerLookup.Failure(Libc.EIO);
        }

        return reply[AnswerStateOffset] == TCP_ESTABLISHED ? PeerLookup.Owner(BinaryPrimitives.ReadUInt32LittleEndian(reply[AnswerUidOffset..])) : PeerLookup.NotHere;
    }

    /// <summary>Drops a socket that failed, so the thread's next lookup opens a fresh one, and says why.</summary>
    private static PeerLookup Forget(SafeFileDescriptorHandle socket, int error)
    {
        t_socket = null;
        socket.Dispose();
        return PeerLookup.Failure(error);
    }
}
