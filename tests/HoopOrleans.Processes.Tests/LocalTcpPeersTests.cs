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
            var owners = new List<uint?>();
            foreach (var connection in accepted)
            {
                owners.Add(LocalTcpPeers.OwnerOf((IPEndPoint)connection.Client.RemoteEndPoint!, (IPEndPoint)connection.Client.LocalEndPoint!));
                owners.Add(LocalTcpPeers.OwnerOf(new IPEndPoint(IPAddress.Loopback, 1), server));
            }

            var me = Libc.geteuid();
            Assert.Equal([me, null, me, null, me, null], owners);
        }
        finally
        {
            accepted.ForEach(connection => connection.Dispose());
            clients.ForEach(client => client.Dispose());
        }
    }
}
