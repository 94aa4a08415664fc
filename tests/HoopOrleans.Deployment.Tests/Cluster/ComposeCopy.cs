using HoopOrleans.Deployment.Tests.Compose;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// The compose file and its env files copied into a folder of the test's, with the secrets
/// make-secrets.sh would put beside them: Compose cannot read the file without them (the front
/// ends' env file is among the secrets), and the repository's own folder must stay untouched.
/// </summary>
public static class ComposeCopy
{
    /// <summary>Copies into <paramref name="folder"/>/compose, makes every node's secrets there and loads the copy.</summary>
    public static ComposeProject Make(string folder, string postgresPassword, string opsKey)
    {
        var compose = Directory.CreateDirectory(Path.Combine(folder, "compose")).FullName;
        foreach (var file in Directory.GetFiles(ComposeProject.RepositoryFolder).Where(file => file.EndsWith(".yaml") || file.EndsWith(".env")))
        {
            File.Copy(file, Path.Combine(compose, Path.GetFileName(file)));
        }

        // Every node has a key among the secrets; the CA's is in ca/, as make-secrets.sh keeps it, mounted nowhere.
        var nodes = ComposeProject.SecretFiles(compose).Keys.Where(name => name.EndsWith(".key", StringComparison.Ordinal)).Select(name => name[..^4]);
        ClusterSecrets.Write(Path.Combine(compose, "secrets"), Path.Combine(compose, "ca"), nodes, postgresPassword, opsKey);
        return ComposeProject.Load(compose);
    }
}
