using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HoopOrleans.Testing;

/// <summary>What any local process can try on an Orleans port: a TLS handshake with whatever certificate it has.</summary>
public static class TlsProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True when the server at 127.0.0.1:<paramref name="port"/> ends the connection during or right
    /// after the handshake (TLS 1.3 reports a refused client certificate with the server's first
    /// record). A server that accepted would wait for the Orleans preamble: the read then fails the
    /// test when the limit passes.
    /// </summary>
    public static async Task<bool> IsRefusedAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var deadline = new CancellationTokenSource(Limit);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                // Offline: the probe sends its certificate as it is, and fetches no issuer the
                // certificate names, so that any fetch a test sees is the server's.
                ClientCertificateContext = clientCertificate is null ? null : SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true),
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, deadline.Token);
            return await tls.ReadAsync(new byte[1], deadline.Token) == 0;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
    }

    /// <summary>True when plain bytes written to the port are answered by the connection closing.</summary>
    public static async Task<bool> ClosesOnPlainBytesAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        using var deadline = new CancellationTokenSource(Limit);
        try
        {
            // An Orleans connection preamble's length prefix, then garbage.
            await stream.WriteAsync(new byte[] { 16, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, deadline.Token);
            while (await stream.ReadAsync(new byte[512], deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
