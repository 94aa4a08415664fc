namespace HoopOrleans.Deployment.Tests.Compose;

/// <summary>One entry of a service's <c>ports</c> in Compose's short syntax: <c>[ip:][host:]container[/protocol]</c>.</summary>
/// <param name="HostIp">The host address it is published on; null for all of them.</param>
/// <param name="HostPort">The port on the host; null when Compose picks one.</param>
public sealed record PublishedPort(string? HostIp, int? HostPort, int ContainerPort)
{
    public static PublishedPort Parse(string entry)
    {
        var parts = entry.Split('/')[0].Split(':');
        return parts switch
        {
            [var container] => new(null, null, int.Parse(container)),
            [var host, var container] => new(null, int.Parse(host), int.Parse(container)),
            _ => new(string.Join(':', parts[..^2]).Trim('[', ']'), int.Parse(parts[^2]), int.Parse(parts[^1])),
        };
    }
}
