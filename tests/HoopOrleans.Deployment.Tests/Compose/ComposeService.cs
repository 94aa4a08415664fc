namespace HoopOrleans.Deployment.Tests.Compose;

/// <summary>One service of a compose file, as far as the tests read it.</summary>
/// <param name="Dockerfile">The Dockerfile its image is built from (a full path), or null for a pulled image.</param>
/// <param name="Environment">Its environment: its env files in order, then its own <c>environment</c>, as Compose merges them.</param>
/// <param name="Address">The fixed IPv4 address it has on its network, or null.</param>
/// <param name="Healthcheck">Its health check's command (after <c>CMD</c>), or empty.</param>
public sealed record ComposeService(
    string Name,
    string? Dockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<SecretMount> Secrets,
    string? Address,
    IReadOnlyList<string> Healthcheck,
    IReadOnlyList<string> CapAdd,
    IReadOnlyList<string> CapDrop,
    IReadOnlyList<string> Ports)
{
    /// <summary>Its <see cref="Ports"/>, read.</summary>
    public IEnumerable<PublishedPort> Published => Ports.Select(PublishedPort.Parse);

    /// <summary>Where a secret appears in the container: a relative target is under /run/secrets.</summary>
    public static string ContainerPath(SecretMount mount) =>
        mount.Target.StartsWith('/') ? mount.Target : $"/run/secrets/{mount.Target}";
}
