using System.Net;
using System.Net.Sockets;

namespace HoopOrleans.Testing;

/// <summary>
/// Ports for the servers tests start, in the test process or as processes of their own, that no
/// other test process hands out at the same time.
/// </summary>
/// <remarks>
/// Test projects run as parallel processes. A port found by binding port 0 and letting it go comes
/// from the kernel's ephemeral range, where it stays free only until some process binds port 0 or
/// opens an outgoing connection: a child process handed it may find it taken. So ports come from
/// blocks of <see cref="BlockSize"/> between <see cref="RangeStart"/> and <see cref="RangeEnd"/>:
/// below the ephemeral range (32768 and up on Linux; a block inside it, on a machine configured
/// otherwise, is skipped), so the kernel never hands them out by itself, and above the ranges
/// Orleans' <c>TestCluster</c> takes its ports from (12000-30000).
/// <para>
/// A process owns a block by listening on the block's first port for as long as it lives: another
/// test process finds that port taken and claims another block, and the kernel releases it when the
/// process ends, however it ends, so nothing stale is left behind. Blocks are tried from a random
/// one on, so a process rarely gets ports another used a moment ago. Every port is checked free
/// (IPv4 and IPv6) before it is handed out, which skips a server a crashed run left behind, and no
/// port is handed out twice, so no retry on a failed bind is needed. A block holding one of the
/// ports the repository's scripts use by default (cluster.sh's gateways, 31111 and up), which a
/// benchmark or an operator may start at any time, is skipped.
/// </para>
/// </remarks>
public static class FreePorts
{
    public const int RangeStart = 30050;
    public const int RangeEnd = 32750;
    public const int BlockSize = 50;

    private static readonly int[] DefaultPorts = [31111, 31112];

    private static readonly Lock Gate = new();

    // The listeners that hold this process's blocks; never closed, the process's end releases them.
    private static readonly Dictionary<int, TcpListener> Blocks = [];
    private static int _next;
    private static int _blockEnd;

    /// <summary>A loopback TCP port nobody listens on now and no other test process hands out.</summary>
    public static int Next() => Consecutive(1);

    /// <summary>
    /// The first of <paramref name="count"/> consecutive such ports, for a server that numbers its
    /// nodes' ports from a first one (cluster.sh gives node N the first port plus N - 1).
    /// </summary>
    public static int Consecutive(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BlockSize - 1);
        lock (Gate)
        {
            while (true)
            {
                if (_next + count > _blockEnd)
                {
                    ClaimBlock();
                }

                var taken = Enumerable.Range(_next, count).FirstOrDefault(port => !IsFree(port));
                if (taken == 0)
                {
                    _next += count;
                    return _next - count;
                }

                _next = taken + 1;
            }
        }
    }

    private static void ClaimBlock()
    {
        var (ephemeralStart, ephemeralEnd) = EphemeralRange();
        var count = (RangeEnd - RangeStart) / BlockSize;
        var first = Random.Shared.Next(count);
        for (var i = 0; i < count; i++)
        {
            var start = RangeStart + (first + i) % count * BlockSize;
            if (Blocks.ContainsKey(start)
                || (start <= ephemeralEnd && start + BlockSize > ephemeralStart)
                || DefaultPorts.Any(port => port >= start && port < start + BlockSize))
            {
                continue;
            }

            var owner = new TcpListener(IPAddress.Loopback, start);
            try
            {
                owner.Start();
            }
            catch (SocketException)
            {
                // Another test process owns this block (or something else listens there).
                owner.Dispose();
                continue;
            }

            Blocks[start] = owner;
            _next = start + 1;
            _blockEnd = start + BlockSize;
            return;
        }

        throw new InvalidOperationException($"every block of ports in {RangeStart}-{RangeEnd - 1} is owned by another process or is skipped");
    }

    /// <summary>Whether nothing listens on <paramref name="port"/>, on any IPv4 or IPv6 address.</summary>
    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.IPv6Any, port);
            probe.Server.DualMode = true;
            probe.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressFamilyNotSupported)
        {
            // No IPv6 on this machine: IPv4 alone.
            using var probe = new TcpListener(IPAddress.Any, port);
            try
            {
                probe.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The ports the kernel picks from for port 0 and outgoing connections (Linux; elsewhere the IANA range).</summary>
    private static (int Start, int End) EphemeralRange()
    {
        const string Setting = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(Setting)
            && File.ReadAllText(Setting).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var start, var end])
        {
            return (int.Parse(start), int.Parse(end));
        }

        return (49152, 65535);
    }
}
