using HoopOrleans.Deployment.Tests.Cluster;
using HoopOrleans.Deployment.Tests.Compose;
using HoopOrleans.Deployment.Tests.Containers;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// hoop's gRPC transport in the compose file and the container files, read without starting
/// anything: every front end listens on 8010 on all interfaces, as its API is served (TLS or not),
/// its image exposes the port and the file publishes it as it publishes the API, the review link
/// names the API where the host reaches it, and no silo has any of it.
/// (<see cref="ComposeClusterTests"/> runs <c>hoop exec</c> through each front end.)
/// </summary>
public sealed class ComposeGrpcTests : IDisposable
{
    private const int GrpcPort = 8010;
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-deploy-grpc-").FullName;
    private readonly ComposeProject _project;

    public ComposeGrpcTests() => _project = ComposeCopy.Make(_folder, "password", "key");

    private IEnumerable<ComposeService> Built(string dockerfile) =>
        _project.Services.Values.Where(service => service.Dockerfile?.EndsWith(dockerfile, StringComparison.Ordinal) == true);

    /// <summary>What the service's container has in its environment: its image's variables, then the compose file's.</summary>
    private static Dictionary<string, string> ContainerEnvironment(ComposeService service)
    {
        var environment = DockerfileImage.Load(service.Dockerfile!).ContainerEnvironment();
        foreach (var (name, value) in service.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    [Fact]
    public void Every_front_end_serves_grpc_on_8010_on_all_interfaces_and_publishes_it_as_its_api()
    {
        var fronts = Built("api.Dockerfile").ToList();
        Assert.NotEmpty(fronts);
        foreach (var front in fronts)
        {
            var environment = ContainerEnvironment(front);
            Assert.True(environment.TryGetValue("Grpc__Urls", out var urls), $"{front.Name} sets no Grpc__Urls (the default is the container's loopback)");
            var apiPort = int.Parse(environment["ASPNETCORE_HTTP_PORTS"]);
            var api = Assert.Single(front.Published, published => published.ContainerPort == apiPort);

            // HTTPS on the API (a default certificate) means https for gRPC too, with the same certificate.
            var scheme = environment.ContainsKey("Kestrel__Certificates__Default__Path") ? "https" : "http";
            var exposed = DockerfileImage.Load(front.Dockerfile!).Exposed;
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url)))
            {
                Assert.Equal((scheme, "0.0.0.0", GrpcPort), (url.Scheme, url.Host, url.Port));
                Assert.Contains(url.Port, exposed);
                var published = front.Published.Where(port => port.ContainerPort == url.Port).ToList();
                Assert.True(published.Count > 0, $"{front.Name} does not publish its gRPC port {url.Port}");
                Assert.All(published, port => Assert.Equal(api.HostIp, port.HostIp));
            }

            // The review link hoop exec prints names this front end's API as published on the host.
            Assert.True(environment.TryGetValue("Grpc__ApiUrl", out var apiUrl), $"{front.Name} sets no Grpc__ApiUrl");
            var link = new Uri(apiUrl);
            Assert.Equal((api.HostIp, api.HostPort), (link.Host, (int?)link.Port));
        }
    }

    [Fact]
    public void No_two_services_publish_the_same_host_port()
    {
        var taken = _project.Services.Values.SelectMany(service => service.Published.Where(port => port.HostPort is not null)
            .Select(port => (Port: $"{port.HostIp}:{port.HostPort}", service.Name))).ToList();

        Assert.Empty(taken.GroupBy(entry => entry.Port).Where(group => group.Count() > 1).Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Name))}"));
    }

    [Fact]
    public void No_silo_has_a_grpc_setting_or_port()
    {
        var silos = Built("silo.Dockerfile").ToList();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            Assert.DoesNotContain(ContainerEnvironment(silo).Keys, key => key.StartsWith("Grpc__", StringComparison.Ordinal));
            Assert.DoesNotContain(GrpcPort, DockerfileImage.Load(silo.Dockerfile!).Exposed);
            Assert.DoesNotContain(silo.Published, port => port.ContainerPort == GrpcPort);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
