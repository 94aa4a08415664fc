using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests.Kubernetes;

/// <summary>One object of kustomize's output.</summary>
public sealed record RenderedObject(string Kind, string Name, YamlMappingNode Node);
