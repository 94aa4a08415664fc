namespace HoopOrleans.Deployment.Tests.Compose;

/// <summary>A secret a service mounts: the top-level secret it names, and where it appears in the container.</summary>
public sealed record SecretMount(string Source, string Target);
