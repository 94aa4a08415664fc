using System.Net;
using System.Net.Sockets;

namespace HoopOrleans.Processes.Tests;

public sealed class LocalTcpPeersTests
{
    [Fact]
    public void Each_lookup_on_a_thread_names_its_own_socket_owner_and_a_missing_socket_has_none()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = (IPEndPoint)listener.LocalEndpoint;
        var clients = new List<TcpClient>();
        var accepted = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = new TcpClient();
                client.Connect(server);
                clients.Add(client);
                accepted.Add(listener.AcceptTcpClient());
            }

            // Synchronous on purpose: every lookup goes through this thread's one netlink socket, so
            // an answer left over from one lookup would show up as the next one's.
            var owners = new List<PeerLookup>();
            foreach (var connection in accepted)
            {
                owners.Add(LocalTcpPeers.OwnerOf((IPEndPoint)connection.Client.RemoteEndPoint!, (IPEndPoint)connection.Client.LocalEndPoint!));
                owners.Add(LocalTcpPeers.OwnerOf(new IPEndPoint(IPAddress.Loopback, 1), server));
            }

            var me = PeerLookup.Owner(Libc.geteuid());
            Assert.Equal([me, PeerLookup.NotHere, me, PeerLookup.NotHere, me, PeerLookup.NotHere], owners);
        }
        finally
        {
            accepted.ForEach(connection => connection.Dispose());
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public void A_peer_that_already_closed_has_no_owner_to_trust()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var accepted = listener.AcceptTcpClient();
        var remote = (IPEndPoint)accepted.Client.RemoteEndPoint!;
        var local = (IPEndPoint)accepted.Client.LocalEndPoint!;

        // The client closes first and the server answers its FIN: the client's socket goes to
        // TIME_WAIT, where the kernel reports uid 0 for it, root's uid.
        client.Dispose();
        Assert.Equal(0, accepted.GetStream().Read(new byte[1]));
        accepted.Client.Shutdown(SocketShutdown.Both);

        Assert.Equal(PeerLookup.NotHere, LocalTcpPeers.OwnerOf(remote, local));
    }

    [Fact]
    public void A_unix_socket_peer_is_known_by_its_credentials()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hoop-peer-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            using var accepted = listener.Accept();

            Assert.Equal(PeerLookup.Owner(Libc.geteuid()), LocalUnixPeers.OwnerOf(accepted));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
