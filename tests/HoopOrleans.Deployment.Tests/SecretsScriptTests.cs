using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HoopOrleans.Deployment.Tests.Cluster;
using HoopOrleans.Deployment.Tests.Compose;
using HoopOrleans.Deployment.Tests.Kubernetes;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// deploy/compose/make-secrets.sh makes what the compose file mounts, as the cluster's nodes need
/// it, and the same as <see cref="ClusterSecrets"/> (which the cluster test uses) makes it; its
/// files give the example overlay its Secrets. It runs openssl, as deploy/local/cluster.sh does.
/// The CA's key stays in a folder of the operator's that neither compose nor kustomize reads.
/// </summary>
public sealed class SecretsScriptTests : IDisposable
{
    private static readonly string[] Nodes = ["silo-1", "silo-2", "front-1", "front-2"];
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-deploy-secrets-").FullName;

    private static bool IsRoot => Environment.UserName == "root";

    private Task<string> MakeSecretsAsync(string folder, bool chown) =>
        ScriptRunner.RunAsync("deploy/compose/make-secrets.sh", chown ? [folder] : ["--no-chown", folder]);

    [Fact]
    public async Task The_script_makes_what_the_nodes_need_as_the_test_s_generator_does()
    {
        var script = Path.Combine(_folder, "script");
        var generated = Path.Combine(_folder, "generated");
        await MakeSecretsAsync(script, chown: IsRoot);
        ClusterSecrets.Write(generated, Path.Combine(_folder, "generated-ca"), Nodes, "password", "key");

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(script, "ca.crt")));
        foreach (var node in Nodes)
        {
            using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(script, $"{node}.crt"), Path.Combine(script, $"{node}.key"));
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(certificate), $"{node}'s certificate does not chain to ca.crt");
            Assert.True(certificate.HasPrivateKey);

            using var ours = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(generated, $"{node}.crt")));
            Assert.Equal(Describe(ours), Describe(certificate));
            Assert.Equal(File.ReadAllText(Path.Combine(generated, $"{node}.key")).Split('\n')[0], File.ReadAllText(Path.Combine(script, $"{node}.key")).Split('\n')[0]);
        }

        using var ourCa = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(generated, "ca.crt")));
        Assert.Equal(ourCa.Subject, ca.Subject);
        Assert.Equal(Describe(ourCa).Days, Describe(ca).Days);

        // Every file the compose file mounts or reads is there, and nothing of the CA's but its certificate.
        Assert.Equal(Directory.GetFiles(generated).Select(Path.GetFileName).Order(), Directory.GetFiles(script).Select(Path.GetFileName).Order());

        // The CA's key is beside the folder, in ca/, the operator's only.
        var caFolder = Path.Combine(_folder, "ca");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(caFolder));
        using var issuer = X509Certificate2.CreateFromPemFile(Path.Combine(caFolder, "ca.crt"), Path.Combine(caFolder, "ca.key"));
        Assert.Equal(ca.Thumbprint, issuer.Thumbprint);
        Assert.True(issuer.HasPrivateKey);
    }

    [Fact]
    public async Task No_service_of_the_compose_file_mounts_the_ca_s_key()
    {
        var compose = Path.Combine(_folder, "compose");
        Directory.CreateDirectory(compose);
        foreach (var file in Directory.GetFiles(ComposeProject.RepositoryFolder).Where(file => file.EndsWith(".yaml") || file.EndsWith(".env")))
        {
            File.Copy(file, Path.Combine(compose, Path.GetFileName(file)));
        }

        await MakeSecretsAsync(Path.Combine(compose, "secrets"), chown: false);
        var project = ComposeProject.Load(compose);
        var caKey = File.ReadAllText(Path.Combine(compose, "ca", "ca.key"));

        var mounted = project.Services.Values.SelectMany(service => service.Secrets).Select(secret => project.SecretFilesByName[secret.Source]).Distinct().ToList();
        Assert.NotEmpty(mounted);
        Assert.All(mounted, file => Assert.Equal(Path.Combine(compose, "secrets"), Path.GetDirectoryName(file)));
        Assert.All(project.SecretFilesByName.Values, file => Assert.NotEqual(caKey, File.ReadAllText(file)));
        Assert.False(File.Exists(Path.Combine(compose, "secrets", "ca.key")));
    }

    [Fact]
    public async Task Passwords_and_the_key_s_hash_agree_and_each_file_belongs_to_its_reader()
    {
        var script = Path.Combine(_folder, "script");
        await MakeSecretsAsync(script, chown: IsRoot);
        var password = File.ReadAllText(Path.Combine(script, "postgres-password"));
        var key = File.ReadAllText(Path.Combine(script, "ops.key"));

        Assert.Equal($"*:*:*:hoop:{password}\n", File.ReadAllText(Path.Combine(script, "pgpass.silo")));
        Assert.Equal($"*:*:*:hoop:{password}\n", File.ReadAllText(Path.Combine(script, "pgpass.front")));
        Assert.Equal(ClusterSecrets.ApiKeySettings(ApiKeyHash.Of(key)), File.ReadAllText(Path.Combine(script, "api-keys.env")));
        foreach (var name in new[] { "silo-1.key", "front-1.key", "pgpass.silo", "pgpass.front", "postgres-password" })
        {
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(script, name)));
        }

        if (IsRoot)
        {
            // Compose mounts them with their owner: the silo image runs as root, the front end's as 1654.
            Assert.Equal(0, Owner(Path.Combine(script, "silo-1.key")));
            Assert.Equal(1654, Owner(Path.Combine(script, "front-1.key")));
            Assert.Equal(1654, Owner(Path.Combine(script, "pgpass.front")));
        }

        // A second run keeps what is there.
        await MakeSecretsAsync(script, chown: IsRoot);
        Assert.Equal(key, File.ReadAllText(Path.Combine(script, "ops.key")));
    }

    [Fact]
    public async Task The_example_overlay_renders_with_the_script_s_files_as_its_secrets()
    {
        var kubernetes = Path.Combine(_folder, "kubernetes");
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(kubernetes, Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var secrets = Path.Combine(kubernetes, "overlays", "example", "secrets");
        await MakeSecretsAsync(secrets, chown: false);
        var rendered = await Kustomize.RenderAsync(Path.Combine(kubernetes, "overlays", "example"));

        var tls = ContainerSettings.Data(rendered.Single(item => item.Kind == "Secret" && item.Name == "hoop-tls"));
        Assert.Equal(File.ReadAllText(Path.Combine(secrets, "ca.crt")), tls["ca.crt"]);
        Assert.Equal(File.ReadAllText(Path.Combine(secrets, "silo-1.key")), tls["silo.key"]);
        Assert.Equal(File.ReadAllText(Path.Combine(secrets, "front-1.crt")), tls["front.crt"]);
        var caKey = File.ReadAllText(Path.Combine(kubernetes, "overlays", "example", "ca", "ca.key"));
        Assert.All(rendered.Where(item => item.Kind == "Secret").SelectMany(secret => ContainerSettings.Data(secret).Values), value => Assert.DoesNotContain(caKey.Trim(), value));
        var keys = ContainerSettings.Data(rendered.Single(item => item.Kind == "Secret" && item.Name == "hoop-api-keys"));
        Assert.Equal(ApiKeyHash.Of(File.ReadAllText(Path.Combine(secrets, "ops.key"))), keys["Auth__Keys__ops__Hash"]);
        Assert.NotEqual("", ContainerSettings.Data(rendered.Single(item => item.Kind == "Secret" && item.Name == "hoop-postgres"))["pgpass"]);
    }

    /// <summary>What the nodes rely on in a certificate: its key, its uses, whether it is a CA, its names, how long it lasts.</summary>
    private static (string Key, string Uses, bool Ca, string Names, int Days) Describe(X509Certificate2 certificate) =>
        (certificate.GetECDsaPublicKey()?.ExportParameters(false).Curve.Oid.FriendlyName ?? "not P-256",
         string.Join(",", certificate.Extensions.OfType<X509KeyUsageExtension>().Select(usage => usage.KeyUsages.ToString())
             .Concat(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(usage => usage.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value!)))),
         certificate.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault()?.CertificateAuthority ?? false,
         string.Join(",", certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(names => names.EnumerateDnsNames())),
         (int)Math.Round((certificate.NotAfter - certificate.NotBefore).TotalDays));

    /// <summary>The file's owner's uid, as stat(1) reads it.</summary>
    private static int Owner(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", "%u", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var stat = System.Diagnostics.Process.Start(start)!;
        var owner = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(owner);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
