using HoopOrleans.Deployment.Tests.Cluster;
using HoopOrleans.Deployment.Tests.Compose;
using HoopOrleans.Deployment.Tests.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// The kustomize base, rendered offline by <c>kubectl kustomize</c>: what its Deployments promise
/// in the README holds in the render (probes where the management listener is, the pod IP
/// advertised, the grace above the drain, capabilities, secrets mounted where settings name them,
/// hoop's gRPC port on the front ends only), and its Services and disruption budgets select the pods
/// they are for. The example overlay is rendered too, where what it inherits must hold.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Silo = "hoop-silo";
    private const string Front = "hoop-front";

    private static readonly Lazy<Task<IReadOnlyList<RenderedObject>>> Base =
        new(() => Kustomize.RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "base")));

    private const int GrpcPort = 8010;

    private static readonly Lazy<Task<IReadOnlyList<RenderedObject>>> Example = new(RenderExampleAsync);

    private static Task<IReadOnlyList<RenderedObject>> RenderedAsync(string kustomization) =>
        kustomization == "base" ? Base.Value : kustomization == "overlays/example" ? Example.Value : throw new ArgumentOutOfRangeException(nameof(kustomization));

    /// <summary>
    /// The example overlay reads the files make-secrets.sh writes beside it (ignored by git), so it
    /// renders from a copy of deploy/kubernetes (its manifests only) with such files made.
    /// </summary>
    private static async Task<IReadOnlyList<RenderedObject>> RenderExampleAsync()
    {
        var source = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");
        var copy = Directory.CreateTempSubdirectory("hoop-kustomize-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                         .Where(file => (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".env", StringComparison.Ordinal))
                             && !Path.GetRelativePath(source, file).Split('/').Any(part => part is "secrets" or "ca")))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var example = Path.Combine(copy, "overlays", "example");
            ClusterSecrets.Write(Path.Combine(example, "secrets"), Path.Combine(example, "ca"), ["silo-1", "front-1"], "password", "key");
            return await Kustomize.RenderAsync(example);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<(YamlNode Container, Dictionary<string, string?> Settings, RenderedObject Deployment)> ContainerAsync(string deployment)
    {
        var rendered = await Base.Value;
        var container = Assert.Single(ContainerSettings.Containers(rendered, deployment));
        return (container, ContainerSettings.Of(container, rendered), rendered.Single(item => item.Kind == "Deployment" && item.Name == deployment));
    }

    [Theory]
    [InlineData(Silo)]
    [InlineData(Front)]
    public async Task Probes_call_the_management_listener_on_its_own_port(string deployment)
    {
        var (container, settings, _) = await ContainerAsync(deployment);
        var management = new Uri(settings["Management__Urls"]!).Port;

        foreach (var (probe, path) in new[] { ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz"), ("startupProbe", "/healthz") })
        {
            Assert.Equal(path, container.Text($"{probe}.httpGet.path"));
            Assert.Equal(management, ContainerPort(container, container.Text($"{probe}.httpGet.port")!));
        }
    }

    [Fact]
    public async Task A_silo_advertises_its_pod_ip_and_is_given_longer_than_its_drain()
    {
        var (container, settings, deployment) = await ContainerAsync(Silo);
        var advertised = container.Items("env").Single(variable => variable.Text("name") == "Orleans__AdvertisedAddress");
        Assert.Equal("status.podIP", advertised.Text("valueFrom.fieldRef.fieldPath"));

        // The silo's shutdown timeout is the drain plus 30 s (HoopSiloBuilderExtensions); killed sooner, its runs read lost.
        var drain = settings.TryGetValue("Orleans__DrainTimeout", out var value) ? TimeSpan.Parse(value!) : TimeSpan.FromMinutes(5);
        var grace = TimeSpan.FromSeconds(int.Parse(deployment.Node.Text("spec.template.spec.terminationGracePeriodSeconds")!));
        Assert.True(grace > drain + TimeSpan.FromSeconds(30), $"terminationGracePeriodSeconds {grace.TotalSeconds} s is not above the drain {drain} plus 30 s");
    }

    [Fact]
    public async Task A_silo_is_root_with_the_compose_file_s_capabilities_and_a_front_end_with_none()
    {
        var (silo, _, _) = await ContainerAsync(Silo);
        var (front, _, frontDeployment) = await ContainerAsync(Front);
        var compose = new YamlStream();
        compose.Load(new StringReader(File.ReadAllText(Path.Combine(ComposeProject.RepositoryFolder, "compose.yaml"))));
        var composeSilos = ((YamlMappingNode)compose.Documents[0].RootNode.At("services")!).Children.Values
            .Where(service => service.Text("build.dockerfile")?.EndsWith("silo.Dockerfile", StringComparison.Ordinal) == true).ToList();

        Assert.Equal("0", silo.Text("securityContext.runAsUser"));
        Assert.Equal(["ALL"], silo.Items("securityContext.capabilities.drop").Select(item => ((YamlScalarNode)item).Value));
        var added = silo.Items("securityContext.capabilities.add").Select(item => ((YamlScalarNode)item).Value!).Order().ToList();
        Assert.Equal(["CHOWN", "FOWNER", "KILL", "SETGID", "SETUID"], added);
        Assert.NotEmpty(composeSilos);
        foreach (var composeSilo in composeSilos)
        {
            Assert.Equal(["ALL"], composeSilo.Items("cap_drop").Select(item => ((YamlScalarNode)item).Value));
            Assert.Equal(added, composeSilo.Items("cap_add").Select(item => ((YamlScalarNode)item).Value!).Order());
        }

        Assert.Equal("true", frontDeployment.Node.Text("spec.template.spec.securityContext.runAsNonRoot"));
        Assert.Equal(["ALL"], front.Items("securityContext.capabilities.drop").Select(item => ((YamlScalarNode)item).Value));
        Assert.Empty(front.Items("securityContext.capabilities.add"));
    }

    [Theory]
    [InlineData(Silo)]
    [InlineData(Front)]
    public async Task Every_file_a_setting_names_is_mounted_from_a_secret(string deployment)
    {
        var (container, settings, rendered) = await ContainerAsync(deployment);
        var connection = (await Base.Value).Single(item => item.Kind == "Secret" && item.Name == "hoop-postgres");
        var passfile = ContainerSettings.Data(connection)["connection-string"].Split(';').Single(pair => pair.StartsWith("Passfile=", StringComparison.Ordinal))[9..];
        var paths = new[] { settings["Orleans__Tls__CaPath"]!, settings["Orleans__Tls__CertificatePath"]!, settings["Orleans__Tls__KeyPath"]!, passfile };

        var volumes = rendered.Node.Items("spec.template.spec.volumes").ToDictionary(volume => volume.Text("name")!);
        foreach (var path in paths)
        {
            var mount = container.Items("volumeMounts").SingleOrDefault(mount => path.StartsWith(mount.Text("mountPath") + "/", StringComparison.Ordinal));
            Assert.True(mount is not null, $"{deployment}: nothing is mounted at {path}");
            var volume = volumes[mount.Text("name")!];
            var item = Path.GetRelativePath(mount.Text("mountPath")!, path);
            Assert.Contains(volume.Items("secret.items"), entry => entry.Text("path") == item);
        }
    }

    [Fact]
    public async Task A_silo_takes_its_connections_from_a_config_map()
    {
        var (_, settings, _) = await ContainerAsync(Silo);

        Assert.Equal("bash", settings["Connections__bash__Command__0"]);
        Assert.Equal("-s", settings["Connections__bash__Command__1"]);
    }

    [Fact]
    public async Task Services_and_disruption_budgets_select_the_pods_they_are_for()
    {
        var rendered = await Base.Value;
        var pods = rendered.Where(item => item.Kind == "Deployment").ToDictionary(item => item.Name, item => item.Node.Pairs("spec.template.metadata.labels"));
        Assert.Equal([Front, Silo], pods.Keys.Order());

        foreach (var selecting in rendered.Where(item => item.Kind is "Service" or "PodDisruptionBudget"))
        {
            var selector = selecting.Node.Pairs(selecting.Kind == "Service" ? "spec.selector" : "spec.selector.matchLabels");
            var selected = pods.Where(pod => selector.All(label => pod.Value.GetValueOrDefault(label.Key) == label.Value)).Select(pod => pod.Key).ToList();
            Assert.True(selected.Count == 1, $"{selecting.Kind} {selecting.Name} selects {string.Join(", ", selected)}");
        }

        Assert.Equal(2, rendered.Count(item => item.Kind == "PodDisruptionBudget"));
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/example")]
    public async Task Every_front_end_serves_grpc_on_8010_and_its_service_exposes_it(string kustomization)
    {
        var rendered = await RenderedAsync(kustomization);
        var container = Assert.Single(ContainerSettings.Containers(rendered, Front));
        var settings = ContainerSettings.Of(container, rendered);

        // As the API is served: https with the default certificate if it has one, else plaintext HTTP/2.
        var tls = settings.ContainsKey("Kestrel__Certificates__Default__Path");
        var urls = settings.GetValueOrDefault("Grpc__Urls")?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [];
        Assert.NotEmpty(urls);
        foreach (var url in urls.Select(url => new Uri(url)))
        {
            Assert.Equal((tls ? "https" : "http", "0.0.0.0", GrpcPort), (url.Scheme, url.Host, url.Port));
        }

        Assert.Equal(GrpcPort, ContainerPort(container, "grpc"));
        var services = ServicesOf(rendered, Front);
        var grpc = services.SelectMany(service => service.Node.Items("spec.ports")).Where(port => port.Text("targetPort") is "grpc" or "8010").ToList();
        Assert.True(grpc.Count == 1, $"{kustomization}: {grpc.Count} Service ports reach the front ends' gRPC port");
        Assert.Equal("grpc", grpc[0].Text("name"));
        if (!tls)
        {
            Assert.Equal("kubernetes.io/h2c", grpc[0].Text("appProtocol"));
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/example")]
    public async Task No_silo_has_a_grpc_setting_or_port(string kustomization)
    {
        var rendered = await RenderedAsync(kustomization);
        var container = Assert.Single(ContainerSettings.Containers(rendered, Silo));

        Assert.DoesNotContain(ContainerSettings.Of(container, rendered).Keys, key => key.StartsWith("Grpc__", StringComparison.Ordinal));
        Assert.DoesNotContain(container.Items("ports"), port => port.Text("name") == "grpc" || port.Text("containerPort") == $"{GrpcPort}");
        Assert.DoesNotContain(ServicesOf(rendered, Silo).SelectMany(service => service.Node.Items("spec.ports")), port => port.Text("targetPort") is "grpc" or "8010");
    }

    /// <summary>The Services whose selector picks <paramref name="deployment"/>'s pods.</summary>
    private static List<RenderedObject> ServicesOf(IReadOnlyList<RenderedObject> rendered, string deployment)
    {
        var labels = rendered.Single(item => item.Kind == "Deployment" && item.Name == deployment).Node.Pairs("spec.template.metadata.labels");
        return [.. rendered.Where(item => item.Kind == "Service" && item.Node.Pairs("spec.selector").All(label => labels.GetValueOrDefault(label.Key) == label.Value))];
    }

    /// <summary>A container port by name or number.</summary>
    private static int ContainerPort(YamlNode container, string port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(container.Items("ports").Single(item => item.Text("name") == port).Text("containerPort")!);
}
