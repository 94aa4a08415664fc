using System.Net;
using System.Security.Cryptography;
using HoopOrleans.Deployment.Tests.Compose;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// deploy/compose/compose.yaml's cluster, run on this machine without a container engine: the
/// silo and front-end images published as their container files publish them, every HoopOrleans
/// service of the compose file started from them with exactly its environment (the image's, then
/// the compose file's; only addresses, ports and secret paths moved here, see
/// <see cref="ComposeAddresses"/>), its secrets made as make-secrets.sh makes them, and
/// PostgreSQL a private server of deploy/local/postgres.sh. Ready once every node's /readyz answers.
/// </summary>
public sealed class ComposeCluster : IAsyncLifetime
{
    /// <summary>A name in the temporary folder that the postgres user (root's PostgreSQL runs as it) can pass through.</summary>
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hoop-deploy-{Guid.NewGuid():N}");
    private readonly int _postgresPort = FreePorts.Next();
    private readonly List<NodeProcess> _nodes = [];

    public ComposeProject Project { get; private set; } = null!;

    public ComposeAddresses Addresses { get; private set; } = null!;

    /// <summary>The admin key whose hash the compose file's front ends get.</summary>
    public string OpsKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The HoopOrleans services (those built from a container file), started.</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>What each started service's container would have in its environment: its image's variables, then the compose file's.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> ContainerEnvironments { get; } = [];

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(_folder);
        await ScriptRunner.RunAsync("deploy/local/postgres.sh", ["start", Path.Combine(_folder, "postgres"), _postgresPort.ToString()]);
        var password = File.ReadAllText(Path.Combine(_folder, "postgres", "password")).Trim();
        Project = ComposeCopy.Make(_folder, password, OpsKey);

        var images = new Dictionary<string, PublishedImage>();
        foreach (var dockerfile in Project.Services.Values.Select(service => service.Dockerfile).OfType<string>().Distinct())
        {
            images[dockerfile] = await PublishedImage.PublishAsync(dockerfile, Path.Combine(_folder, "publish", Path.GetFileNameWithoutExtension(dockerfile)));
        }

        var ports = new Dictionary<(string, int), int>();
        foreach (var service in Project.Services.Values)
        {
            if (service.Dockerfile is { } dockerfile)
            {
                foreach (var port in images[dockerfile].Image.Exposed)
                {
                    ports[(service.Name, port)] = FreePorts.Next();
                }
            }
            else if (service.Name == "postgres")
            {
                // The one pulled image, played here by the private server: its port is the server's.
                ports[(service.Name, 5432)] = _postgresPort;
            }
        }

        Addresses = new ComposeAddresses(Project, ports);
        foreach (var service in Project.Services.Values.Where(service => service.Dockerfile is not null))
        {
            var image = images[service.Dockerfile!];
            var environment = image.Image.ContainerEnvironment();
            foreach (var (name, value) in service.Environment)
            {
                environment[name] = value;
            }

            ContainerEnvironments[service.Name] = environment;
            var here = Addresses.Environment(service, environment);
            var home = Directory.CreateDirectory(Path.Combine(_folder, "home", service.Name)).FullName;
            _nodes.Add(NodeProcess.Start(service.Name, image.Folder, image.EntryPoint, here, home));
        }

        foreach (var node in _nodes)
        {
            await Until.HoldsAsync($"{node.Name} is ready", async () => await IsReadyAsync(node), TimeSpan.FromMinutes(3));
        }
    }

    /// <summary>A client of <paramref name="service"/>'s container port <paramref name="port"/>.</summary>
    public HttpClient Client(string service, int port) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{Addresses.Port(service, port)}"), Timeout = TimeSpan.FromMinutes(1) };

    /// <summary>The container port of <paramref name="service"/>'s management listener (its Management__Urls).</summary>
    public int ManagementPort(string service) => new Uri(Project.Services[service].Environment["Management__Urls"]).Port;

    /// <summary>Where hoop's CLI reaches front end <paramref name="service"/>'s gRPC listener here (the first of its Grpc__Urls).</summary>
    public Uri GrpcAddress(string service)
    {
        var url = new Uri(Project.Services[service].Environment["Grpc__Urls"].Split(';')[0]);
        return new Uri($"{url.Scheme}://127.0.0.1:{Addresses.Port(service, url.Port)}");
    }

    private async Task<bool> IsReadyAsync(NodeProcess node)
    {
        if (node.HasExited)
        {
            throw new InvalidOperationException($"{node.Name} exited:\n{node.Output}");
        }

        using var client = Client(node.Name, ManagementPort(node.Name));
        try
        {
            using var response = await client.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
        await ScriptRunner.RunAsync("deploy/local/postgres.sh", ["stop", Path.Combine(_folder, "postgres")]);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
