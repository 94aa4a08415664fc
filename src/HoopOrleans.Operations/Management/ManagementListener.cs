using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// The listener of <c>Management:Urls</c>, added beside the node's own addresses
/// (<see cref="SideListeners"/>). Every connection accepted on the management listener is marked before any HTTP is
/// read; that mark, not the <c>Host</c> a request names, says a request came through it.
/// </summary>
public sealed class ManagementListener
{
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

        SideListeners.Add(builder, defaultUrls, ManagementEndpoint, management, protocols: null, (scheme, options) =>
        {
            listener._listeners.Add((scheme, options));
            options.Use(next => connection =>
            {
                connection.Items[typeof(ManagementListener)] = Mark;
                return next(connection);
            });
        });
        return listener;
    }
}
