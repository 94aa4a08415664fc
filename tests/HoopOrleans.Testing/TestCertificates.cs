using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HoopOrleans.Testing;

/// <summary>Certificates made in the test: a stranger's, or ones issued by a CA the test holds the key of.</summary>
public static class TestCertificates
{
    /// <summary>
    /// The extended key usage a silo's certificate carries (CertificateRoleUsages.Silo in src/, which this
    /// project does not reference; HoopOrleans.Grains.Tests holds the two to each other).
    /// </summary>
    public const string SiloRole = "2.25.24821072052258846841839933832735973101.1";

    /// <summary>A cluster client's, a front end's (CertificateRoleUsages.Client).</summary>
    public const string ClientRole = "2.25.24821072052258846841839933832735973101.2";

    public static X509Certificate2 SelfSigned(string name, string? role = null) =>
        Request(name, role, out _).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>
    /// A certificate signed by <paramref name="ca"/>'s key for any dates, even ones outside the CA's
    /// own (an expired certificate from a CA made a moment ago), carrying <paramref name="role"/>
    /// (<see cref="SiloRole"/>, <see cref="ClientRole"/>) when given.
    /// </summary>
    public static X509Certificate2 IssuedBy(X509Certificate2 ca, string name, DateTimeOffset notBefore, DateTimeOffset notAfter, string? role = null)
    {
        var request = Request(name, role, out var key);
        var signer = X509SignatureGenerator.CreateForECDsa(ca.GetECDsaPrivateKey() ?? throw new ArgumentException("the CA has no ECDSA key", nameof(ca)));
        using var issued = request.Create(ca.SubjectName, signer, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// A certificate signed by <paramref name="issuer"/>'s key, valid now, that names
    /// <paramref name="fetch"/> as the place to download its issuer from and to ask for
    /// revocation (authority information access: CA issuers and OCSP; CRL distribution point),
    /// carrying <paramref name="role"/> when given.
    /// </summary>
    public static X509Certificate2 NamingUrls(X509Certificate2 issuer, string name, Uri fetch, string? role = null)
    {
        var request = Request(name, role, out var key);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([new Uri(fetch, "ocsp").AbsoluteUri], [new Uri(fetch, "issuer.crt").AbsoluteUri]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([new Uri(fetch, "ca.crl").AbsoluteUri]));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var signer = X509SignatureGenerator.CreateForECDsa(issuer.GetECDsaPrivateKey() ?? throw new ArgumentException("the issuer has no ECDSA key", nameof(issuer)));
        using var issued = request.Create(issuer.SubjectName, signer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate authority of the test's own, which no node trusts.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static CertificateRequest Request(string name, string? role, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") };
        if (role is not null)
        {
            usages.Add(new Oid(role));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        return request;
    }
}
