using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests.Kubernetes;

/// <summary>Reading paths out of parsed YAML without a schema: a missing step reads as null or empty.</summary>
public static class Yaml
{
    /// <summary>The node at <paramref name="path"/> (keys separated by '.'), or null.</summary>
    public static YamlNode? At(this YamlNode? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    public static string? Text(this YamlNode? node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, string path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>A mapping's entries as text, for labels, selectors and a ConfigMap's data.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(this YamlNode? node, string path) =>
        node.At(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value ?? "")
            : new Dictionary<string, string>();
}
