using System.Net;
using System.Net.Sockets;

namespace HoopOrleans.TestSupport;

/// <summary>Ports for servers the tests start, so tests in parallel never collide.</summary>
public static class FreePorts
{
    /// <summary>A loopback TCP port the OS just handed out and nobody holds now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
