using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// What deploy/compose/make-secrets.sh makes, made here with .NET's own cryptography so the test
/// needs no openssl: a P-256 CA valid ten years, its key in a folder of its own (the operator's,
/// which nothing mounts), a P-256 certificate per node issued by it for 825 days (not a CA, digital
/// signature, server and client authentication, the role of a silo-N or a front-N, the node's
/// name), the PostgreSQL password files and an admin key with the settings that carry its hash.
/// <c>SecretsScriptTests</c> holds the script's files to the same description.
/// </summary>
public static class ClusterSecrets
{
    public const string ClusterId = "hoop-compose";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// Writes the files into <paramref name="folder"/>, for the nodes <paramref name="nodes"/>
    /// (silo-1, front-1, …), and the CA's key (with its own copy of the CA's certificate) into
    /// <paramref name="caFolder"/>.
    /// </summary>
    public static void Write(string folder, string caFolder, IEnumerable<string> nodes, string postgresPassword, string opsKey)
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(caFolder);
        File.SetUnixFileMode(caFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=HoopOrleans {ClusterId} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(3650));
        Write(folder, "ca.crt", ca.ExportCertificatePem(), 0x124 /* 0444 */);
        Write(caFolder, "ca.crt", ca.ExportCertificatePem(), 0x124);
        Write(caFolder, "ca.key", caKey.ExportPkcs8PrivateKeyPem(), 0x180 /* 0600 */);

        foreach (var node in nodes)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={node}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
            var role = new Oid(node.StartsWith("silo-", StringComparison.Ordinal) ? TestCertificates.SiloRole : TestCertificates.ClientRole);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication, role], false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(node);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(825), RandomNumberGenerator.GetBytes(16));
            Write(folder, $"{node}.crt", certificate.ExportCertificatePem(), 0x100 /* 0400 */);
            Write(folder, $"{node}.key", key.ExportPkcs8PrivateKeyPem(), 0x100);
        }

        Write(folder, "postgres-password", postgresPassword, 0x100);
        Write(folder, "pgpass.silo", $"*:*:*:hoop:{postgresPassword}\n", 0x100);
        Write(folder, "pgpass.front", $"*:*:*:hoop:{postgresPassword}\n", 0x100);
        Write(folder, "ops.key", opsKey, 0x180);
        Write(folder, "api-keys.env", ApiKeySettings(ApiKeyHash.Of(opsKey)), 0x180);
    }

    /// <summary>The settings that give the front ends the admin key, as api-keys.env holds them.</summary>
    public static string ApiKeySettings(string hash) =>
        $"Auth__Keys__ops__Hash={hash}\nAuth__Keys__ops__Roles__0=admin\nAuth__Keys__ops__Connections__0=*\n";

    private static void Write(string folder, string name, string text, int mode)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }
}
