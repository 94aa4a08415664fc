using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Hosting;

/// <summary>
/// Reads the cluster settings while the host is being built (Orleans is configured before the
/// service provider exists), and refuses bad ones then, naming the key.
/// </summary>
public static class HoopClusterSettings
{
    public const string PostgresConnectionStringName = "Postgres";

    public static HoopClusterOptions Read(IConfiguration configuration)
    {
        var options = new HoopClusterOptions();
        configuration.GetSection(HoopClusterOptions.Section).Bind(options);
        var validation = new HoopClusterOptionsValidator().Validate(null, options);
        var failures = validation.Failed ? validation.Failures.ToList() : [];
        if (options.AdvertisedAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            failures.Add($"{HoopClusterOptions.Section}:AdvertisedAddress must be an IP address, not '{address}'.");
        }

        if (options.Mode == ClusterMode.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgresConnectionStringName)))
        {
            failures.Add($"{HoopClusterOptions.Section}:Mode is Postgres, so ConnectionStrings:{PostgresConnectionStringName} is required.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(HoopClusterOptions.Section, typeof(HoopClusterOptions), failures);
        }

        return options;
    }

    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(PostgresConnectionStringName)!;
}
