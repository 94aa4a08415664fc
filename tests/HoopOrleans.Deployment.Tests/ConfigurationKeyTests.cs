using HoopOrleans.Deployment.Tests.Cluster;
using HoopOrleans.Deployment.Tests.Configuration;
using HoopOrleans.Deployment.Tests.Containers;
using HoopOrleans.Deployment.Tests.Kubernetes;

namespace HoopOrleans.Deployment.Tests;

/// <summary>
/// Every setting the deployment files give a silo or a front end (the container files' ENV, the
/// compose file's environment and env files, the Deployments' env and the ConfigMaps and Secrets
/// they take whole) binds to an option of the service or is the framework's: the service ignores a
/// key that binds to nothing, so a misspelt one would go unnoticed.
/// </summary>
public sealed class ConfigurationKeyTests : IDisposable
{
    private static readonly OptionKeys Keys = OptionKeys.FromServiceAssemblies();
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-deploy-keys-").FullName;

    [Theory]
    [InlineData("Orleans__Mode")]
    [InlineData("Orleans__Tls__CertificatePath")]
    [InlineData("Orleans__Membership__ProbeTimeout")]
    [InlineData("Connections__deploy__Command__0")]
    [InlineData("Connections__deploy__Env__TOKEN")]
    [InlineData("Auth__Keys__ops__Roles__0")]
    [InlineData("Management__Urls")]
    [InlineData("Grpc__Urls")]
    [InlineData("Grpc__ApiUrl")]
    [InlineData("Security__RunHomeRoot")]
    [InlineData("ConnectionStrings__Postgres")]
    [InlineData("Logging__LogLevel__Default")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void The_checker_knows_the_service_s_keys(string variable) => Assert.True(Keys.BindsVariable(variable), variable);

    [Theory]
    [InlineData("Orleans__AdvertisedAdress")]
    [InlineData("Orleans__Tls__Certificate")]
    [InlineData("Connections__deploy__Comand__0")]
    [InlineData("Connections__deploy__Command__first")]
    [InlineData("Auth__Keys__ops__Hsh")]
    [InlineData("Management")]
    [InlineData("Grpc__Url")]
    [InlineData("Grpc__Urls__0")]
    [InlineData("ConnectionStrings__Postgres__Host")]
    [InlineData("APP_UID")]
    public void The_checker_refuses_keys_that_bind_to_nothing(string variable) => Assert.False(Keys.BindsVariable(variable), variable);

    [Fact]
    public void Every_setting_of_the_compose_file_binds()
    {
        var project = ComposeCopy.Make(_folder, "password", "key");

        var unbound = new List<string>();
        foreach (var service in project.Services.Values.Where(service => service.Dockerfile is not null))
        {
            var image = DockerfileImage.Load(service.Dockerfile!);
            unbound.AddRange(image.Environment.Keys.Concat(service.Environment.Keys).Where(key => !Keys.BindsVariable(key)).Select(key => $"{service.Name}: {key}"));
        }

        Assert.Empty(unbound);
    }

    [Fact]
    public async Task Every_setting_of_the_kubernetes_base_binds()
    {
        var rendered = await Kustomize.RenderAsync(Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes", "base"));
        var unbound = new List<string>();
        var deployments = rendered.Where(item => item.Kind == "Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            foreach (var container in ContainerSettings.Containers(rendered, deployment.Name))
            {
                unbound.AddRange(ContainerSettings.Of(container, rendered).Keys.Where(key => !Keys.BindsVariable(key)).Select(key => $"{deployment.Name}: {key}"));
            }
        }

        Assert.Empty(unbound);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
