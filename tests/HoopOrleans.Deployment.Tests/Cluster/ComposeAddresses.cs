using System.Text.RegularExpressions;
using HoopOrleans.Deployment.Tests.Compose;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// Runs a compose service's environment on this machine instead of in its container, changing
/// only what must change there, and nothing else: every service's name and fixed address become
/// 127.0.0.1, each port a container listens on becomes a free port of its own (the same container
/// port of two services cannot both be 8080 here), and each secret's path in the container becomes
/// the file it is mounted from. Whatever the environment names that this does not know how to move
/// fails the test, naming the variable.
/// </summary>
public sealed partial class ComposeAddresses(ComposeProject project, IReadOnlyDictionary<(string Service, int Port), int> ports)
{
    private const string Loopback = "127.0.0.1";

    private readonly HashSet<string> _addresses =
        [.. project.Services.Keys, .. project.Services.Values.Select(service => service.Address).OfType<string>()];

    /// <summary><paramref name="service"/>'s environment as it runs here.</summary>
    public Dictionary<string, string> Environment(ComposeService service, IReadOnlyDictionary<string, string> environment)
    {
        var mounts = service.Secrets.ToDictionary(ComposeService.ContainerPath, mount => project.SecretFilesByName[mount.Source]);
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            var here = name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) ? ConnectionString(value, mounts)
                : name.EndsWith("Port", StringComparison.Ordinal) || name.EndsWith("_PORTS", StringComparison.Ordinal) ? PortList(service.Name, value)
                : value.Contains("://", StringComparison.Ordinal) ? Urls(service.Name, value)
                : _addresses.Contains(value) ? Loopback
                : mounts.GetValueOrDefault(value, value);
            if (_addresses.Any(address => Regex.IsMatch(here, $@"(^|[^\w.-]){Regex.Escape(address)}($|[^\w.-])")) || here.Contains("/run/secrets", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{service.Name}: {name}={value} names a place in the compose network or a container that the test cannot move here");
            }

            moved[name] = here;
        }

        return moved;
    }

    /// <summary>The port <paramref name="service"/>'s container port <paramref name="port"/> is here.</summary>
    public int Port(string service, int port) =>
        ports.TryGetValue((service, port), out var here) ? here : throw new InvalidOperationException($"{service} does not expose port {port}");

    /// <summary>A command of <paramref name="service"/>'s (its health check) with its <c>/dev/tcp/host/port</c> moved here.</summary>
    public string Command(string service, string command) =>
        DevTcp().Replace(command, match => $"/dev/tcp/{Loopback}/{Port(service, int.Parse(match.Groups[2].Value))}");

    private string PortList(string service, string value) =>
        string.Join(';', value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(port => Port(service, int.Parse(port)).ToString()));

    /// <summary>
    /// <c>scheme://host:port</c> addresses: a service's name is that service here; a wildcard or
    /// loopback host is the service's own; a loopback address at a port the service publishes is
    /// the host's side of that publication (<c>Grpc__ApiUrl</c>, the API as people on the host
    /// reach it), so here it is the port of the container port published there.
    /// </summary>
    private string Urls(string service, string value) =>
        string.Join(';', value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(url =>
        {
            var match = Url().Match(url);
            if (!match.Success)
            {
                throw new InvalidOperationException($"{service}: '{url}' is not scheme://host:port");
            }

            var host = match.Groups["host"].Value;
            var port = int.Parse(match.Groups["port"].Value);
            var target = ServiceAt(host) ?? service;
            var moved = _addresses.Contains(host) ? Loopback : host;
            if (host is Loopback or "localhost" && project.Services[service].Published.FirstOrDefault(published => published.HostPort == port) is { } published)
            {
                port = published.ContainerPort;
            }

            return $"{match.Groups["scheme"].Value}://{moved}:{Port(target, port)}{match.Groups["rest"].Value}";
        }));

    /// <summary>An Npgsql connection string: Host and Port to the server here, a Passfile to the mounted file; the rest as it is.</summary>
    private string ConnectionString(string value, IReadOnlyDictionary<string, string> mounts)
    {
        var pairs = value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToList();
        var host = pairs.FirstOrDefault(pair => pair[0].Trim() is "Host" or "Server")?[1];
        var target = host is null ? null : ServiceAt(host);
        return string.Join(';', pairs.Select(pair => pair[0].Trim() switch
        {
            "Host" or "Server" when target is not null => $"{pair[0]}={Loopback}",
            "Port" when target is not null => $"{pair[0]}={Port(target, int.Parse(pair[1]))}",
            _ => $"{pair[0]}={mounts.GetValueOrDefault(pair[1], pair[1])}",
        }));
    }

    private string? ServiceAt(string host) =>
        project.Services.Values.FirstOrDefault(candidate => candidate.Name == host || candidate.Address == host)?.Name;

    [GeneratedRegex(@"^(?<scheme>[a-z]+)://(?<host>[^:/]+|\[[^\]]+\]):(?<port>\d+)(?<rest>/.*)?$")]
    private static partial Regex Url();

    [GeneratedRegex(@"/dev/tcp/([^/\s]+)/(\d+)")]
    private static partial Regex DevTcp();
}
