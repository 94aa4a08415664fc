using System.ComponentModel.DataAnnotations;

namespace HoopOrleans.Hosting;

/// <summary>How a node takes part in the cluster; bound from the <c>Orleans</c> section.</summary>
public sealed class HoopClusterOptions
{
    public const string Section = "Orleans";

    /// <summary>Identifies the deployment; stays the same across upgrades.</summary>
    [Required]
    public string ServiceId { get; set; } = "hoop-orleans";

    /// <summary>Identifies this cluster among others of the same service.</summary>
    [Required]
    public string ClusterId { get; set; } = "hoop";

    /// <summary>The port silos talk to each other on.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients reach the silo's gateway on.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
