using HoopOrleans.Deployment.Tests.Compose;
using HoopOrleans.Deployment.Tests.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// The kustomize base, rendered offline by <c>kubectl kustomize</c>: what its Deployments promise
/// in the README holds in the render (probes where the management listener is, the pod IP
/// advertised, the grace above the drain, capabilities, secrets mounted where settings name them),
/// and its Services and disruption budgets select the pods they are for.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Silo = "hoop-silo";
    private const string Front = "hoop-front";

    private static readonly Lazy<Task<IReadOnlyList<RenderedObject>>> Base =
        new(() => Kustomize.RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "base")));

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

    /// <summary>A container port by name or number.</summary>
    private static int ContainerPort(YamlNode container, string port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(container.Items("ports").Single(item => item.Text("name") == port).Text("containerPort")!);
}
