using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The cluster's nodes validate a peer's certificate against their CA without going to the
/// network: a certificate may name URLs for its issuer and its revocation, which point here at a
/// listener the test owns. One the CA issued is accepted and one from an issuer the peer does not
/// send is refused, and the listener sees no connection either way.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class OfflineValidationTests(LocalCluster cluster)
{
    private const string Invariant = "Npgsql";

    static OfflineValidationTests() => System.Data.Common.DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

    [Fact]
    public async Task A_certificate_from_the_ca_that_names_urls_is_accepted_and_nothing_is_fetched()
    {
        using var fetch = new FetchListener();
        var ca = cluster.CertificateAuthority();
        using var client = Client(TestCertificates.NamingUrls(ca, "member naming urls", fetch.Url, TestCertificates.ClientRole));

        // Started means a gateway accepted the certificate: the handshake and its validation are over.
        await client.StartAsync();
        await client.StopAsync();

        Assert.Equal(0, fetch.Connections);
    }

    [Fact]
    public async Task A_certificate_whose_issuer_would_have_to_be_fetched_is_refused_and_nothing_is_fetched()
    {
        using var fetch = new FetchListener();
        var peer = TestCertificates.NamingUrls(TestCertificates.Authority("an issuer the peer does not send"), "stranger naming urls", fetch.Url);

        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(1).Gateway, peer));
        Assert.True(await TlsProbe.IsRefusedAsync(cluster.OrleansPorts(2).Silo, peer));

        Assert.Equal(0, fetch.Connections);
    }

    /// <summary>A client of the cluster showing <paramref name="certificate"/> as it is, fetching nothing itself.</summary>
    private IHost Client(X509Certificate2 certificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.Services.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = "hoop-orleans";
                options.ClusterId = cluster.ClusterId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = cluster.ConnectionString;
            });
            client.UseTls(certificate, options =>
            {
                options.AllowAnyRemoteCertificate();

                // The test's own side sends its certificate without completing its chain online,
                // so that a connection the listener sees could only be the node's.
                options.OnAuthenticateAsClient = (_, tls) =>
                {
                    var ssl = (System.Net.Security.SslClientAuthenticationOptions)tls.SslClientAuthenticationOptions;
                    ssl.ClientCertificateContext = System.Net.Security.SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
                    ssl.ClientCertificates = null;
                    ssl.LocalCertificateSelectionCallback = null;
                };
            });
        });
        return builder.Build();
    }
}
