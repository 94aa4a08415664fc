using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// The listener of <c>Management:Urls</c>. Kestrel binds either the addresses in its own
/// configuration or the node's <c>urls</c>, never both, so when a management listener is asked for,
/// the node's addresses (from <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c> or the
/// default) are written into <c>Kestrel:Endpoints</c> beside it, unless the operator configured
/// endpoints there already: nothing is bound in code, so no source of addresses is silently
/// overridden. Every connection accepted on the management listener is marked before any HTTP is
/// read; that mark, not the <c>Host</c> a request names, says a request came through it.
/// </summary>
public sealed class ManagementListener
{
    private const string NodeEndpoint = "Node";
    private const string ManagementEndpoint = "Management";
    private static readonly object Mark = new();

    private readonly List<(string Scheme, ListenOptions Options)> _listeners = [];

    /// <summary>Whether this node has a management listener of its own.</summary>
    public bool IsConfigured { get; private init; }

    /// <summary>The management listener's addresses as bound (with the port a <c>:0</c> was given).</summary>
    public IReadOnlyList<string> BoundAddresses =>
        [.. _listeners.Select(listener => $"{listener.Scheme}://{listener.Options.EndPoint}")];

    /// <summary>Whether <paramref name="http"/> arrived through the management listener.</summary>
    public static bool Received(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(ManagementListener), out var mark) == true && ReferenceEquals(mark, Mark);

    /// <summary>
    /// Adds the management listener, when <c>Management:Urls</c> names one, to the builder's
    /// Kestrel configuration; <paramref name="defaultUrls"/> are the node's addresses when nothing
    /// names them. Call it after anything else that sets the node's addresses.
    /// </summary>
    public static ManagementListener Configure(WebApplicationBuilder builder, string defaultUrls)
    {
        var management = (builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new()).UrlList;
        var listener = new ManagementListener { IsConfigured = management.Count > 0 };
        builder.Services.AddSingleton(listener);
        if (!listener.IsConfigured)
        {
            return listener;
        }

        var endpoints = new Dictionary<string, string?>();
        if (!builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            var own = NodeUrls(builder.Configuration, defaultUrls);
            for (var i = 0; i < own.Count; i++)
            {
                endpoints[$"Kestrel:Endpoints:{NodeEndpoint}{i}:Url"] = own[i];
            }
        }

        for (var i = 0; i < management.Count; i++)
        {
            endpoints[$"Kestrel:Endpoints:{ManagementEndpoint}{i}:Url"] = management[i];
        }

        builder.Configuration.AddInMemoryCollection(endpoints);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var loader = kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false);
            for (var i = 0; i < management.Count; i++)
            {
                var scheme = management[i].StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
                loader.Endpoint($"{ManagementEndpoint}{i}", endpoint =>
                {
                    listener._listeners.Add((scheme, endpoint.ListenOptions));
                    endpoint.ListenOptions.Use(next => connection =>
                    {
                        connection.Items[typeof(ManagementListener)] = Mark;
                        return next(connection);
                    });
                });
            }
        });
        return listener;
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
