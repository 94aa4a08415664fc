using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests.Kubernetes;

/// <summary>Runs <c>kubectl kustomize</c>, offline, as an operator renders a kustomization before applying it.</summary>
public static class Kustomize
{
    public static async Task<IReadOnlyList<RenderedObject>> RenderAsync(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        using var kubectl = Process.Start(start)!;
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        if (kubectl.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {folder} failed ({kubectl.ExitCode}): {await errors}");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(await output));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)
            .Select(node => new RenderedObject(node.Text("kind")!, node.Text("metadata.name")!, node))];
    }
}
