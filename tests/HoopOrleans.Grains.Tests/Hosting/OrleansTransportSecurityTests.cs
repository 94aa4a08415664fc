using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HoopOrleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Hosting;

/// <summary>
/// A cluster node's certificate carries its role, and TLS checks the role of every peer: a node
/// refuses to start with a certificate issued for the other kind of node, naming the setting; a
/// connection that needs a silo refuses a client's certificate and the other way round; and the
/// scripts that issue certificates and the tests' issuer use the usages the nodes look for.
/// </summary>
public sealed class OrleansTransportSecurityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-transport-security-").FullName;
    private readonly X509Certificate2 _ca = TestCertificates.Authority("the cluster's CA");

    public static TheoryData<CertificateRole> Roles => [CertificateRole.Silo, CertificateRole.Client];

    private X509Certificate2 Issued(string? role) =>
        TestCertificates.IssuedBy(_ca, "node", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), role);

    private static string UsageOf(CertificateRole role) => role == CertificateRole.Silo ? TestCertificates.SiloRole : TestCertificates.ClientRole;

    private static CertificateRole Other(CertificateRole role) => role == CertificateRole.Silo ? CertificateRole.Client : CertificateRole.Silo;

    /// <summary>Orleans:Tls naming files in the test's folder that hold the CA and <paramref name="certificate"/> with its key.</summary>
    private IConfiguration Settings(X509Certificate2 certificate)
    {
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), _ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "node.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "node.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Tls:CaPath"] = Path.Combine(_folder, "ca.crt"),
            ["Orleans:Tls:CertificatePath"] = Path.Combine(_folder, "node.crt"),
            ["Orleans:Tls:KeyPath"] = Path.Combine(_folder, "node.key"),
        }).Build();
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void A_node_starts_with_a_certificate_of_its_role(CertificateRole role)
    {
        var security = OrleansTransportSecurity.FromFiles(Settings(Issued(UsageOf(role))), role);

        Assert.True(CertificateRoleUsages.Carries(security.Certificate, role));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void A_node_refuses_to_start_with_a_certificate_of_the_other_role_or_none_naming_the_setting(CertificateRole role)
    {
        foreach (var certificate in new[] { Issued(UsageOf(Other(role))), Issued(role: null) })
        {
            var failure = Assert.Throws<OptionsValidationException>(() => OrleansTransportSecurity.FromFiles(Settings(certificate), role));

            Assert.Contains("Orleans:Tls:CertificatePath", failure.Message);
            Assert.Contains($"{role.ToString().ToLowerInvariant()} role", failure.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void A_connection_accepts_only_a_peer_of_the_role_it_needs(CertificateRole needed)
    {
        var security = OrleansTransportSecurity.FromFiles(Settings(Issued(UsageOf(CertificateRole.Silo))), CertificateRole.Silo);
        var validation = security.Requiring(needed).RemoteCertificateValidation!;

        Assert.True(validation(Issued(UsageOf(needed)), null!, SslPolicyErrors.None));
        Assert.False(validation(Issued(UsageOf(Other(needed))), null!, SslPolicyErrors.None));
        Assert.False(validation(Issued(role: null), null!, SslPolicyErrors.None));

        // The role alone is not enough: the CA must have issued it.
        Assert.False(validation(TestCertificates.SelfSigned("stranger", UsageOf(needed)), null!, SslPolicyErrors.None));
    }

    [Fact]
    public void The_scripts_and_the_tests_issue_the_usages_the_nodes_look_for()
    {
        Assert.Equal(CertificateRoleUsages.Silo, TestCertificates.SiloRole);
        Assert.Equal(CertificateRoleUsages.Client, TestCertificates.ClientRole);
        foreach (var script in new[] { "deploy/local/cluster.sh", "deploy/compose/make-secrets.sh" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, script));
            Assert.Contains($"role_arc={CertificateRoleUsages.Arc}\nsilo_role=$role_arc.1\nclient_role=$role_arc.2\n", text);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
