using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests.Compose;

/// <summary>
/// A compose file as Compose reads it: services with their environment (env files, then their own),
/// their secrets and addresses, and the top-level secrets' files. Relative paths (env files,
/// secret files) are resolved against <see cref="Folder"/>, the folder that holds the compose file;
/// a build's context is resolved against the compose file's place in the repository, so a copy of
/// the file elsewhere (with secrets of its own) still names the repository's Dockerfiles.
/// </summary>
public sealed class ComposeProject
{
    /// <summary>The compose file's folder in the repository.</summary>
    public static readonly string RepositoryFolder = Path.Combine(RepositoryRoot.Path, "deploy", "compose");

    private ComposeProject(string folder, IReadOnlyDictionary<string, ComposeService> services, IReadOnlyDictionary<string, string> secretFiles)
    {
        Folder = folder;
        Services = services;
        SecretFilesByName = secretFiles;
    }

    public string Folder { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>Each top-level secret's file, as a full path.</summary>
    public IReadOnlyDictionary<string, string> SecretFilesByName { get; }

    public static ComposeProject Load(string folder)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(folder, "compose.yaml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var secretFiles = SecretFilesOf(folder, root);
        var services = Mapping(root, "services").ToDictionary(entry => entry.Key, entry => Service(folder, entry.Key, (YamlMappingNode)entry.Value));
        return new ComposeProject(folder, services, secretFiles);
    }

    /// <summary>
    /// The top-level secrets' files of the compose file in <paramref name="folder"/>, read alone:
    /// what must exist before the whole file can be (services read env files from among them).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SecretFiles(string folder)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(folder, "compose.yaml")))
        {
            stream.Load(reader);
        }

        return SecretFilesOf(folder, (YamlMappingNode)stream.Documents.Single().RootNode);
    }

    private static Dictionary<string, string> SecretFilesOf(string folder, YamlMappingNode root) =>
        Mapping(root, "secrets").ToDictionary(
            entry => entry.Key,
            entry => Path.GetFullPath(Path.Combine(folder, Scalar(entry.Value, "file")!)));

    private static ComposeService Service(string folder, string name, YamlMappingNode node)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Strings(Child(node, "env_file")))
        {
            foreach (var (key, value) in EnvFile.Read(Path.Combine(folder, file)))
            {
                environment[key] = value;
            }
        }

        foreach (var (key, value) in Environment(Child(node, "environment")))
        {
            environment[key] = value;
        }

        string? dockerfile = null;
        if (Child(node, "build") is YamlMappingNode build)
        {
            var context = Path.Combine(RepositoryFolder, Scalar(build, "context") ?? ".");
            dockerfile = Path.GetFullPath(Path.Combine(context, Scalar(build, "dockerfile") ?? "Dockerfile"));
        }

        var secrets = (Child(node, "secrets") as YamlSequenceNode)?.Children.Select(secret => secret is YamlScalarNode shortForm
            ? new SecretMount(shortForm.Value!, shortForm.Value!)
            : new SecretMount(Scalar(secret, "source")!, Scalar(secret, "target") ?? Scalar(secret, "source")!)).ToList() ?? [];
        var address = Child(node, "networks") is YamlMappingNode networks
            ? networks.Children.Values.OfType<YamlMappingNode>().Select(network => Scalar(network, "ipv4_address")).FirstOrDefault(ip => ip is not null)
            : null;
        var healthcheck = Strings(Child(Child(node, "healthcheck"), "test")).ToList();
        if (healthcheck.FirstOrDefault() is "CMD")
        {
            healthcheck.RemoveAt(0);
        }

        return new ComposeService(name, dockerfile, environment, secrets, address, healthcheck,
            [.. Strings(Child(node, "cap_add"))], [.. Strings(Child(node, "cap_drop"))], [.. Strings(Child(node, "ports"))]);
    }

    /// <summary>A service's <c>environment</c>, in either of Compose's forms: a mapping, or a list of <c>NAME=value</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Environment(YamlNode? node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.Select(pair => new KeyValuePair<string, string>(((YamlScalarNode)pair.Key).Value!, ((YamlScalarNode)pair.Value).Value ?? "")),
        YamlSequenceNode list => list.Children.Select(item => ((YamlScalarNode)item).Value!.Split('=', 2)).Select(parts => new KeyValuePair<string, string>(parts[0], parts.Length > 1 ? parts[1] : "")),
        _ => [],
    };

    private static IEnumerable<KeyValuePair<string, YamlNode>> Mapping(YamlMappingNode node, string key) =>
        Child(node, key) is YamlMappingNode mapping
            ? mapping.Children.Select(pair => new KeyValuePair<string, YamlNode>(((YamlScalarNode)pair.Key).Value!, pair.Value))
            : [];

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    /// <summary>A string or a list of strings, as Compose accepts for env_file, cap_add and the like.</summary>
    private static IEnumerable<string> Strings(YamlNode? node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value!],
        YamlSequenceNode list => list.Children.Select(item => ((YamlScalarNode)item).Value!),
        _ => [],
    };
}
