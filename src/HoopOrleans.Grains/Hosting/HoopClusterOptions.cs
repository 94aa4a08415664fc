using System.ComponentModel.DataAnnotations;

namespace HoopOrleans.Hosting;

/// <summary>How a node takes part in the cluster; bound from the <c>Orleans</c> section.</summary>
public sealed class HoopClusterOptions
{
    public const string Section = "Orleans";

    /// <summary>The one setting that picks clustering and storage together.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>Identifies the deployment; stays the same across upgrades.</summary>
    [Required]
    public string ServiceId { get; set; } = "hoop-orleans";

    /// <summary>Identifies this cluster among others of the same service.</summary>
    [Required]
    public string ClusterId { get; set; } = "hoop";

    /// <summary>The port silos talk to each other on.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients reach the silo's gateway on. The embedded silo has no gateway, whatever this says.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other nodes reach this silo at. Unset, Orleans picks one of the host's own
    /// addresses; a cluster on one machine sets 127.0.0.1.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// How long a silo asked to stop (SIGTERM) keeps running its sessions' processes, taking no new
    /// ones, before it ends the rest as "node shut down". A second signal ends the wait at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Orleans:Dashboard</c>: Orleans' own dashboard, off unless asked for.</summary>
    public HoopDashboardOptions Dashboard { get; set; } = new();
}
