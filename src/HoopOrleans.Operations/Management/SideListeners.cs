using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using HoopOrleans.Operations.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// Listeners a node adds beside its own addresses (the management listener, the front end's gRPC
/// listener). Kestrel binds either the addresses in its own configuration or the node's
/// <c>urls</c>, never both, so the node's addresses (from <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>HTTP_PORTS</c> or the default) are written into <c>Kestrel:Endpoints</c> beside the new
/// ones, unless endpoints are configured there already (by the operator, or by a listener added
/// before): nothing is bound in code, so no source of addresses is silently overridden.
/// </summary>
public static class SideListeners
{
    private const string NodeEndpoint = "Node";

    /// <summary>
    /// Adds the endpoints <paramref name="name"/>0, 1… for <paramref name="urls"/>, each with
    /// <paramref name="protocols"/> when given; <paramref name="onEndpoint"/> sees each one's
    /// scheme and listen options as Kestrel loads it (to mark its connections).
    /// </summary>
    public static void Add(
        WebApplicationBuilder builder, string defaultUrls, string name, IReadOnlyList<string> urls, string? protocols, Action<string, ListenOptions> onEndpoint)
    {
        var endpoints = new Dictionary<string, string?>();
        if (!builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            var own = NodeUrls(builder.Configuration, defaultUrls);
            for (var i = 0; i < own.Count; i++)
            {
                endpoints[$"Kestrel:Endpoints:{NodeEndpoint}{i}:Url"] = own[i];
            }

            // Written into Kestrel's configuration, the node's addresses are bound from there; the
            // host keeps those it was started with, and Kestrel would warn at every start that it
            // overrides them (with the addresses it then binds).
            builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services =>
                new MovedAddressesLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(services))));
        }

        for (var i = 0; i < urls.Count; i++)
        {
            endpoints[$"Kestrel:Endpoints:{name}{i}:Url"] = urls[i];
            if (protocols is not null)
            {
                endpoints[$"Kestrel:Endpoints:{name}{i}:Protocols"] = protocols;
            }
        }

        builder.Configuration.AddInMemoryCollection(endpoints);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // One loader for every side listener: a second Configure would replace the first's,
            // and with it the first listener's endpoint callbacks.
            var loader = kestrel.ConfigurationLoader ?? kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false);
            for (var i = 0; i < urls.Count; i++)
            {
                var scheme = urls[i].StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
                loader.Endpoint($"{name}{i}", endpoint => onEndpoint(scheme, endpoint.ListenOptions));
            }
        });
    }

    /// <summary>The node's own addresses as the host would have bound them: <c>urls</c>, else the ports settings, else the default.</summary>
    private static List<string> NodeUrls(IConfiguration configuration, string defaultUrls)
    {
        static string[] Split(string? value) => value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Length > 0)
        {
            return [.. urls];
        }

        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"))
            .ToList();
        return ports.Count > 0 ? ports : [.. Split(defaultUrls)];
    }
}
