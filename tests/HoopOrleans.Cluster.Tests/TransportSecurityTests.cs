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
/// call a gateway nor join, even holding the store's password. One the CA issued can.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TransportSecurityTests(LocalCluster cluster)
{
    private const string Invariant = "Npgsql";

    static TransportSecurityTests() => DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

    private X509Certificate2 ClusterCa =>
        X509Certificate2.CreateFromPemFile(Path.Combine(cluster.TlsFolder, "ca.crt"), Path.Combine(cluster.TlsFolder, "ca.key"));

    public static TheoryData<string> Strangers => ["self-signed", "expired"];

    private X509Certificate2 Certificate(string kind) => kind switch
    {
        "self-signed" => TestCertificates.SelfSigned("stranger"),
        "expired" => TestCertificates.IssuedBy(ClusterCa, "expired", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)),
        _ => TestCertificates.IssuedBy(ClusterCa, "member", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)),
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
        // exception. Orleans' own give-ups (the open timeout, a retry delay not yet over) are
        // connection failures with no cause of their own, and a port nobody listens on is a
        // socket error.
        Exception cause = failure;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        Assert.IsNotType<ConnectionFailedException>(cause);
        Assert.IsNotAssignableFrom<SocketException>(cause);
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, Certificate(kind)));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(2).Gateway, Certificate(kind)));
    }

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_silo_with_a_stranger_certificate_cannot_join(string kind)
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
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), 0);
            silo.Configure<ClusterMembershipOptions>(options => options.MaxJoinAttemptTime = TimeSpan.FromSeconds(5));
            silo.UseTls(Certificate(kind), options => options.AllowAnyRemoteCertificate());

            // Declared dead by the cluster, a silo fails its whole process fast: here, the test run.
            silo.Services.AddSingleton<IFatalErrorHandler, IgnoreFatalErrors>();
        });
        using var rogue = builder.Build();

        await Assert.ThrowsAnyAsync<Exception>(() => rogue.StartAsync());
        await rogue.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Silo, Certificate(kind)));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, Certificate(kind)));
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
