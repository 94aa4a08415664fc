using HoopOrleans.Sessions;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Hosting;

public static class HoopSiloBuilderExtensions
{
    /// <summary>
    /// Configures a whole HoopOrleans silo from configuration: clustering, grain storage and sessions.
    /// The embedded front end and the silo host share it, so they cannot drift apart.
    /// </summary>
    public static ISiloBuilder AddHoopSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(HoopClusterOptions.Section).Get<HoopClusterOptions>() ?? new HoopClusterOptions();
        var validation = new HoopClusterOptionsValidator().Validate(null, cluster);
        if (validation.Failed)
        {
            throw new OptionsValidationException(HoopClusterOptions.Section, typeof(HoopClusterOptions), validation.Failures);
        }

        silo.Configure<SiloOptions>(options => options.SiloName = $"{Environment.MachineName}:{cluster.SiloPort}");
        silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        silo.AddMemoryGrainStorage(StorageNames.Sessions);
        return silo.AddHoopSessions();
    }
}
