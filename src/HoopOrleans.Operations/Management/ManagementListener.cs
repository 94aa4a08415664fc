using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// The listener of <c>Management:Urls</c>, added beside the node's own addresses, whose
/// connections are marked as they are accepted (<see cref="MarkedListener{TSelf}"/>).
/// </summary>
public sealed class ManagementListener : MarkedListener<ManagementListener>
{
    /// <summary>
    /// Adds the management listener, when <c>Management:Urls</c> names one, to the builder's
    /// Kestrel configuration; <paramref name="defaultUrls"/> are the node's addresses when nothing
    /// names them. Call it after anything else that sets the node's addresses.
    /// </summary>
    public static ManagementListener Configure(WebApplicationBuilder builder, string defaultUrls) =>
        Configure(builder, defaultUrls, "Management", (builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new()).UrlList, protocols: null);
}
