using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests.Kubernetes;

/// <summary>The environment variables a rendered Deployment's containers get, and from where.</summary>
public static class ContainerSettings
{
    /// <summary>
    /// Each variable of <paramref name="container"/>'s environment, with its value where the render
    /// holds one (<c>value</c>, or a key of a ConfigMap or Secret taken whole by <c>envFrom</c>);
    /// null for one read from elsewhere at run time (a field, a Secret's key by <c>valueFrom</c>).
    /// </summary>
    public static Dictionary<string, string?> Of(YamlNode container, IReadOnlyList<RenderedObject> rendered)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.Items("envFrom"))
        {
            var (kind, reference) = source.At("configMapRef") is { } configMap ? ("ConfigMap", configMap) : ("Secret", source.At("secretRef"));
            var name = reference.Text("name");
            var found = rendered.SingleOrDefault(item => item.Kind == kind && item.Name == name)
                ?? throw new InvalidOperationException($"envFrom names {kind} {name}, which the render does not hold");
            foreach (var (key, value) in Data(found))
            {
                variables[source.Text("prefix") + key] = value;
            }
        }

        foreach (var variable in container.Items("env"))
        {
            variables[variable.Text("name")!] = variable.Text("value");
        }

        return variables;
    }

    /// <summary>A ConfigMap's data or a Secret's (stringData as written; data decoded).</summary>
    public static Dictionary<string, string> Data(RenderedObject item)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in item.Node.Pairs("data"))
        {
            data[key] = item.Kind == "Secret" ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value;
        }

        foreach (var (key, value) in item.Node.Pairs("stringData"))
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The containers of the rendered Deployment <paramref name="name"/>.</summary>
    public static IEnumerable<YamlNode> Containers(IReadOnlyList<RenderedObject> rendered, string name) =>
        rendered.Single(item => item.Kind == "Deployment" && item.Name == name).Node.Items("spec.template.spec.containers");
}
