using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The cluster's Orleans traffic is mutual TLS against the CA that cluster.sh made: a client or a
/// silo whose certificate that CA did not issue, or whose certificate has expired, can neither
/// call a gateway nor join, even holding the store's password. One the CA issued with the role it
/// needs can; a front end's certificate, issued by the CA with the client role, cannot join as a silo.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TransportSecurityTests(LocalCluster cluster)
{
    private const string Invariant = "Npgsql";

    static TransportSecurityTests() => DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

    public static TheoryData<string> Strangers => ["self-signed", "expired"];

    /// <summary>A certificate of <paramref name="kind"/> with <paramref name="role"/>: strangers carry the role too, so only what else is wrong with them refuses them.</summary>
    private X509Certificate2 Certificate(string kind, string role = TestCertificates.ClientRole) => kind switch
    {
        "self-signed" => TestCertificates.SelfSigned("stranger", role),
        "expired" => TestCertificates.IssuedBy(cluster.CertificateAuthority(), "expired", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1), role),
        _ => TestCertificates.IssuedBy(cluster.CertificateAuthority(), "member", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), role),
    };

    [Fact]
    public async Task A_client_with_a_certificate_from_the_cluster_ca_connects()
    {
        using var client = Client(Certificate("member"));

        await client.StartAsync();
        await client.StopAsync();
    }

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_client_with_a_stranger_certificate_cannot_call(string kind)
    {
        using var client = Client(Certificate(kind), retry: false);

        var failure = await Assert.ThrowsAsync<ConnectionFailedException>(() => client.StartAsync());

        // It reached the gateways and they ended the connection: what ended it is the innermost
        // exception (a TLS failure, or the socket reset when the gateway dropped it mid-handshake).
        // Orleans' own give-ups (the open timeout, a retry delay not yet over) are connection
        // failures with no cause of their own, and a port nobody listens on refuses the connection.
        Exception cause = failure;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        Assert.IsNotType<ConnectionFailedException>(cause);
        Assert.False(cause is SocketException { SocketErrorCode: SocketError.ConnectionRefused }, $"nobody listened: {cause.Message}");
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, Certificate(kind)));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(2).Gateway, Certificate(kind)));
    }

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_silo_with_a_stranger_certificate_cannot_join(string kind)
    {
        using var rogue = Silo(Certificate(kind, TestCertificates.SiloRole), FreePorts.Next());

        await Assert.ThrowsAnyAsync<Exception>(() => rogue.StartAsync());
        await rogue.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Silo, Certificate(kind, TestCertificates.SiloRole)));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, Certificate(kind)));
    }

    [Fact]
    public async Task A_front_end_s_certificate_cannot_join_as_a_silo()
    {
        // The one cluster.sh issued front end 1: the CA's, in date, with the client role.
        using var frontEnd = cluster.NodeCertificate("front-1");
        var port = FreePorts.Next();
        using var rogue = Silo(frontEnd, port);

        await Assert.ThrowsAnyAsync<Exception>(() => rogue.StartAsync());
        await rogue.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        Assert.Equal(0L, await ActiveSilosAtAsync(port));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Silo, frontEnd));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(2).Silo, frontEnd));
    }

    [Fact]
    public async Task A_gateway_refuses_a_silo_s_certificate_and_a_silo_port_a_client_s()
    {
        // Each port takes its own role only: no Orleans node calls a gateway with a silo's certificate.
        using var silo = cluster.NodeCertificate("silo-2");
        using var client = Certificate("member");

        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, silo));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Silo, client));
    }

    [Fact]
    public async Task A_silo_with_a_silo_certificate_from_the_cluster_ca_joins()
    {
        var port = FreePorts.Next();
        using var silo = Silo(Certificate("member", TestCertificates.SiloRole), port);

        // Started means joined: every active silo answered it, and it is active in the table.
        await silo.StartAsync();
        try
        {
            Assert.Equal(1L, await ActiveSilosAtAsync(port));
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    /// <summary>How many silos the membership table lists as active (status 3) on <paramref name="port"/>.</summary>
    private Task<long> ActiveSilosAtAsync(int port) =>
        cluster.QueryScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 3 AND port = $1", port);

    /// <summary>
    /// A silo of the cluster, as a rogue would write one: it trusts any peer, shows
    /// <paramref name="certificate"/>, listens on <paramref name="port"/> and has no gateway, so no
    /// front end ever picks it.
    /// </summary>
    private IHost Silo(X509Certificate2 certificate, int port)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            Cluster(silo.Services);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = cluster.ConnectionString;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, port, 0);
            silo.Configure<ClusterMembershipOptions>(options => options.MaxJoinAttemptTime = TimeSpan.FromSeconds(5));
            silo.UseTls(certificate, options => options.AllowAnyRemoteCertificate());

            // Declared dead by the cluster, a silo fails its whole process fast: here, the test run.
            silo.Services.AddSingleton<IFatalErrorHandler, IgnoreFatalErrors>();
        });
        return builder.Build();
    }

    /// <summary>
    /// A client of the cluster, as a rogue would write one: it trusts any silo, and shows
    /// <paramref name="certificate"/>. Without <paramref name="retry"/> it gives up on the first
    /// failed connection: Orleans' default filter retries a failed connection 15 times, waiting
    /// 1.5 s longer each time, three minutes in all, and a refused certificate stays refused.
    /// </summary>
    private IHost Client(X509Certificate2 certificate, bool retry = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            Cluster(client.Services);
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = cluster.ConnectionString;
            });
            client.UseTls(certificate, options => options.AllowAnyRemoteCertificate());
            if (!retry)
            {
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            }
        });
        return builder.Build();
    }

    private sealed class IgnoreFatalErrors : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => false;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
        {
        }
    }

    private void Cluster(IServiceCollection services) => services.Configure<ClusterOptions>(options =>
    {
        options.ServiceId = "hoop-orleans";
        options.ClusterId = cluster.ClusterId;
    });
}
