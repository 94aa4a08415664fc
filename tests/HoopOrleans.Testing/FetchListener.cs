using System.Net;
using System.Net.Sockets;

namespace HoopOrleans.Testing;

/// <summary>
/// A TCP port the test owns, standing where a certificate says to fetch its issuer or revocation
/// list: it counts the connections made to it, accepted or still waiting in the kernel's queue.
/// </summary>
public sealed class FetchListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _accepting;
    private int _accepted;

    public FetchListener()
    {
        _listener = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The base URL certificates name.</summary>
    public Uri Url { get; }

    /// <summary>Connections made so far: those accepted and those the kernel holds for the next accept.</summary>
    public int Connections => Volatile.Read(ref _accepted) + (_listener.Pending() ? 1 : 0);

    public void Dispose()
    {
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(30));
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var connection = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
