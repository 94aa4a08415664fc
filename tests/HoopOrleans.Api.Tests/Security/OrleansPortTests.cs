using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// The embedded silo offers a local process nothing: no gateway, a silo port on 127.0.0.1 only,
/// and that port speaks TLS with a certificate that exists only in the service's memory.
/// </summary>
public sealed class OrleansPortTests : IAsyncLifetime
{
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(new Dictionary<string, string>
    {
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:SiloPort"] = _siloPort.ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = _gatewayPort.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task There_is_no_gateway_and_the_silo_port_listens_on_loopback_only()
    {
        var connect = await Record.ExceptionAsync(async () =>
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, _gatewayPort);
        });

        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(connect).SocketErrorCode);
        Assert.Equal(["127.0.0.1"], ListeningAddresses(_siloPort));
    }

    [Fact]
    public async Task The_silo_port_refuses_a_process_without_the_services_own_certificate()
    {
        Assert.True(await TlsProbe.ClosesOnPlainBytesAsync(_siloPort));
        Assert.True(await TlsProbe.IsRefusedAsync(_siloPort, clientCertificate: null));
        Assert.True(await TlsProbe.IsRefusedAsync(_siloPort, TestCertificates.SelfSigned("a script")));

        // The service is unharmed.
        var (status, _) = await _host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "true" });
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_started_by_a_local_process_cannot_join(bool withOwnCertificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), 0, new IPEndPoint(IPAddress.Loopback, _siloPort), serviceId: "hoop-orleans", clusterId: _clusterId);
            silo.Configure<ClusterMembershipOptions>(options => options.MaxJoinAttemptTime = TimeSpan.FromSeconds(5));
            if (withOwnCertificate)
            {
                silo.UseTls(TestCertificates.SelfSigned("rogue silo"), options => options.AllowAnyRemoteCertificate());
            }
        });
        using var rogue = builder.Build();

        await Assert.ThrowsAnyAsync<Exception>(() => rogue.StartAsync());
        await rogue.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <summary>The local addresses of the TCP sockets listening on <paramref name="port"/>, from the kernel's tables.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        const string Listen = "0A";
        var addresses = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == Listen && int.Parse(local[1], NumberStyles.HexNumber) == port)
                {
                    var bytes = Convert.FromHexString(local[0]);
                    // The kernel prints each 32-bit word of the address in host (little-endian) order.
                    for (var word = 0; word < bytes.Length; word += 4)
                    {
                        Array.Reverse(bytes, word, 4);
                    }

                    addresses.Add(new IPAddress(bytes).ToString());
                }
            }
        }

        return addresses;
    }
}
