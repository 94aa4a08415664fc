using System.Net;
using System.Net.Sockets;
using HoopOrleans.Processes;

namespace HoopOrleans.Api.Security;

/// <summary>
/// Without keys, proves at start that callers can be identified here: it connects to itself over
/// loopback and asks the kernel who owns its own socket, which must be the service's user. A machine
/// or container whose kernel cannot answer (no <c>inet_diag</c>/<c>tcp_diag</c>, a seccomp filter
/// on netlink) would otherwise refuse every caller at run time; it stops the start instead, saying why.
/// </summary>
internal sealed partial class LocalCallerSelfTest(LocalCallers callers, ILogger<LocalCallerSelfTest> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!callers.IsActive)
        {
            return;
        }

        var found = await AskForSelfAsync(cancellationToken);
        if (found.Outcome != PeerLookupOutcome.Found || !callers.Trusted.Contains(found.Uid))
        {
            var why = $"without API keys the service must identify who calls it from this machine, and asking the kernel who owns its own loopback connection failed: {found.Why ?? $"it answered uid {found.Uid}"}. Configure Auth:Keys, or give the service the kernel's socket diagnostics (the inet_diag and tcp_diag modules, netlink sockets allowed).";
            Failed(logger, why);
            throw new InvalidOperationException(why);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<PeerLookup> AskForSelfAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, cancellationToken);
        using var accepted = await listener.AcceptTcpClientAsync(cancellationToken);
        return LocalTcpPeers.OwnerOf((IPEndPoint)accepted.Client.RemoteEndPoint!, (IPEndPoint)accepted.Client.LocalEndPoint!);
    }

    [LoggerMessage(1, LogLevel.Critical, "{Why}")]
    private static partial void Failed(ILogger logger, string why);
}
