using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// cluster.sh follows the README's advice: the nodes get their API keys' hashes from its
/// environment, so no node's argv (which every local user reads) holds one, no node warns of a
/// secret on its command line, and the keys work. The CA's key stays in the operator's folder:
/// no node is given a path to it or a folder that holds it, and each node's certificate carries
/// the role of its kind.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class NodeSecretsTests(LocalCluster cluster)
{
    private const string Warning = "Secrets were given on the command line";

    [Fact]
    public async Task No_node_gets_a_secret_as_an_argument_and_none_warns_of_one()
    {
        using var answer = await cluster.Front1.GetAsync("/api/sessions?limit=1");
        var hashes = new[] { ApiKeyHash.Of(LocalCluster.KeyOf("ops")), ApiKeyHash.Of(LocalCluster.KeyOf("rita")) };

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        foreach (var (kind, n) in new[] { ("silo", 1), ("silo", 2), ("front", 1), ("front", 2) })
        {
            var commandLine = cluster.CommandLineOf(kind, n);
            Assert.Contains(".dll", commandLine);
            Assert.All(hashes, hash => Assert.DoesNotContain(hash, commandLine));
            Assert.DoesNotContain(Warning, await File.ReadAllTextAsync(Path.Combine(cluster.LogsFolder, $"{kind}-{n}.log")));
        }
    }

    [Fact]
    public void No_node_is_given_the_ca_s_key_and_each_certificate_carries_its_node_s_role()
    {
        var caKey = File.ReadAllText(Path.Combine(cluster.CaFolder, "ca.key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cluster.CaFolder));
        foreach (var (kind, n) in new[] { ("silo", 1), ("silo", 2), ("front", 1), ("front", 2) })
        {
            var paths = cluster.CommandLineOf(kind, n).Split(' ')
                .Where(argument => argument.StartsWith("--Orleans:Tls:", StringComparison.Ordinal))
                .Select(argument => Path.GetFullPath(argument.Split('=', 2)[1]))
                .ToList();
            Assert.Equal(3, paths.Count);
            foreach (var folder in paths.Select(path => Path.GetDirectoryName(path)!).Distinct())
            {
                Assert.NotEqual(Path.GetFullPath(cluster.CaFolder), folder);
                Assert.All(Directory.GetFiles(folder), file => Assert.NotEqual(caKey, File.ReadAllText(file)));
            }

            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(paths.Single(path => path.EndsWith($"{kind}-{n}.crt", StringComparison.Ordinal))));
            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value).ToList();
            Assert.Contains(kind == "silo" ? TestCertificates.SiloRole : TestCertificates.ClientRole, usages);
            Assert.DoesNotContain(kind == "silo" ? TestCertificates.ClientRole : TestCertificates.SiloRole, usages);
        }
    }
}
