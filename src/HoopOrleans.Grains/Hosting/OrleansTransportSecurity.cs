using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace HoopOrleans.Hosting;

/// <summary>
/// Mutual TLS on every Orleans connection, silo to silo and client to gateway: each side shows a
/// certificate and accepts only the other's that it trusts. A process that merely reaches an
/// Orleans port (a script on the same machine, anyone on the network) cannot send a grain call,
/// and grain calls carry the acting user, so that would let it act as anyone.
/// <para>
/// Validation never goes to the network: a peer's certificate may name URLs (the issuer's
/// certificate in its authority information access, CRL distribution points), and fetching them
/// would let whoever reaches an Orleans port make the node connect wherever it likes, before the
/// handshake is refused. Both the chain TLS builds and this class's own trust only the anchor
/// (the cluster's CA, or the pinned certificate), download nothing and check no revocation.
/// </para>
/// <para>
/// In a cluster each connection also checks the peer's role (<see cref="CertificateRoleUsages"/>): a
/// silo's silo port, inbound and outbound, admits silos only, its gateway clients only, and a
/// client talks to silos only; so a front end's certificate cannot join as a silo.
/// </para>
/// </summary>
public sealed class OrleansTransportSecurity
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly Func<X509Certificate2, bool> _accepts;
    private readonly X509Certificate2 _anchor;

    private OrleansTransportSecurity(X509Certificate2 certificate, X509Certificate2 anchor, Func<X509Certificate2, bool> accepts)
    {
        Certificate = certificate;
        _anchor = anchor;
        _accepts = accepts;
    }

    /// <summary>The certificate this node presents.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Whether a peer that presents <paramref name="remote"/> is one of this cluster's nodes.</summary>
    public bool Accepts(X509Certificate2 remote) => _accepts(remote);

    /// <summary>
    /// The embedded silo's: a certificate made at start, held only in this process's memory, and
    /// the only one accepted. Nothing outside the process can complete a handshake with it.
    /// </summary>
    public static OrleansTransportSecurity Pinned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=hoop-orleans embedded silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], critical: false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        var pinned = certificate.RawData;
        return new OrleansTransportSecurity(certificate, certificate, remote => remote.RawData.AsSpan().SequenceEqual(pinned));
    }

    /// <summary>
    /// A cluster node's, from <c>Orleans:Tls</c>: its certificate and key, and the CA its peers must
    /// chain to. The certificate must carry <paramref name="role"/>, the kind of node this is.
    /// </summary>
    /// <exception cref="OptionsValidationException">A path missing, unreadable, or a certificate the CA would not accept or issued for another role; the message names the key.</exception>
    public static OrleansTransportSecurity FromFiles(IConfiguration configuration, CertificateRole role)
    {
        var options = configuration.GetSection(OrleansTlsOptions.Section).Get<OrleansTlsOptions>() ?? new OrleansTlsOptions();
        var certificatePath = Required(options.CertificatePath, nameof(OrleansTlsOptions.CertificatePath));
        var keyPath = Required(options.KeyPath, nameof(OrleansTlsOptions.KeyPath));
        var caPath = Required(options.CaPath, nameof(OrleansTlsOptions.CaPath));
        var ca = Load(nameof(OrleansTlsOptions.CaPath), () => X509Certificate2.CreateFromPem(File.ReadAllText(caPath)));
        var certificate = Load(nameof(OrleansTlsOptions.CertificatePath), () => X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        var security = new OrleansTransportSecurity(certificate, ca, remote => ChainsTo(ca, remote));

        // A node whose own certificate its peers would refuse would start and then fail every call.
        if (!security.Accepts(certificate))
        {
            throw Invalid(nameof(OrleansTlsOptions.CertificatePath), $"{certificatePath} is not in date or not issued by {caPath}.");
        }

        if (!CertificateRoleUsages.Carries(certificate, role))
        {
            throw Invalid(
                nameof(OrleansTlsOptions.CertificatePath),
                $"{certificatePath} is not issued for the {role.ToString().ToLowerInvariant()} role this node needs: its extended key usage lacks {CertificateRoleUsages.Of(role)} " +
                "(deploy/local/cluster.sh and deploy/compose/make-secrets.sh issue silo-N certificates with the silo role and front-N with the client role).");
        }

        return security;
    }

    /// <summary>Both sides must show a certificate, and each accepts only a node of this cluster (the embedded silo's pinned one).</summary>
    public void Configure(TlsOptions options) => Configure(options, Accepts);

    /// <summary>
    /// A cluster silo's three kinds of connection, each admitting only the role that belongs on it:
    /// silos on the silo port, both ways, and clients on the gateway. Orleans' own <c>UseTls</c>
    /// gives all three one validation, which cannot tell a front end from a silo.
    /// </summary>
    public void ConfigureSilo(SiloConnectionOptions connections)
    {
        var silos = Requiring(CertificateRole.Silo);
        var clients = Requiring(CertificateRole.Client);
        connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(silos));
        connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(silos));
        connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(clients));
    }

    /// <summary>A cluster client's connections: a gateway is answered only when it shows a silo's certificate.</summary>
    public void ConfigureClient(ClientConnectionOptions connections)
    {
        var silos = Requiring(CertificateRole.Silo);
        connections.ConfigureConnection(connection => connection.UseClientTls(silos));
    }

    /// <summary>TLS that accepts a peer of this cluster that carries <paramref name="role"/>.</summary>
    public TlsOptions Requiring(CertificateRole role)
    {
        var options = new TlsOptions();
        Configure(options, remote => Accepts(remote) && CertificateRoleUsages.Carries(remote, role));
        return options;
    }

    private void Configure(TlsOptions options, Func<X509Certificate2, bool> accepts)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.SslProtocols = SslProtocols.Tls13;
        options.CheckCertificateRevocation = false;

        // The chain SslStream builds before it asks the callback below: by default it would fetch
        // an issuer a peer's certificate names but does not send.
        options.OnAuthenticateAsClient = (_, client) => ((SslClientAuthenticationOptions)client.SslClientAuthenticationOptions).CertificateChainPolicy = OfflinePolicy(_anchor);
        options.OnAuthenticateAsServer = (_, server) => ((SslServerAuthenticationOptions)server.SslServerAuthenticationOptions).CertificateChainPolicy = OfflinePolicy(_anchor);

        // Names are not checked: nodes are reached by address, and the private CA issues
        // certificates to this cluster's nodes only, so being issued by it, with the role the
        // connection needs, is what identifies a node.
        options.RemoteCertificateValidation = (remote, _, _) => accepts(remote);
    }

    private static bool ChainsTo(X509Certificate2 ca, X509Certificate2 remote)
    {
        using var chain = new X509Chain { ChainPolicy = OfflinePolicy(ca) };
        return chain.Build(remote);
    }

    /// <summary>
    /// Trusts <paramref name="anchor"/> alone, with nothing fetched: no issuer downloaded from a
    /// URL the certificate names, no revocation list or OCSP asked. The CA issues to this cluster's
    /// nodes only and keeps no revocation list; a node is retired by a new CA. A new policy for
    /// each chain, so that its time is the time of the check.
    /// </summary>
    private static X509ChainPolicy OfflinePolicy(X509Certificate2 anchor)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(anchor);
        return policy;
    }

    private static string Required(string? path, string key) =>
        string.IsNullOrWhiteSpace(path)
            ? throw Invalid(key, "is required in a cluster: every Orleans connection is mutual TLS (deploy/local/cluster.sh makes a CA and certificates).")
            : path;

    private static X509Certificate2 Load(string key, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw Invalid(key, $"cannot be read as PEM: {e.Message}");
        }
    }

    private static OptionsValidationException Invalid(string key, string message) =>
        new(OrleansTlsOptions.Section, typeof(OrleansTlsOptions), [$"{OrleansTlsOptions.Section}:{key} {message}"]);
}
