using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace HoopOrleans.Operations.Management;

/// <summary>
/// A listener added beside the node's own addresses (<see cref="SideListeners"/>) whose every
/// connection is marked as it is accepted, before any HTTP is read: the mark, not the <c>Host</c>
/// a request names, says a request came through it. One kind of listener per derived type.
/// </summary>
/// <typeparam name="TSelf">The listener's own type, which keys its mark.</typeparam>
public abstract class MarkedListener<TSelf> where TSelf : MarkedListener<TSelf>, new()
{
    private static readonly object Mark = new();

    private readonly List<(string Scheme, ListenOptions Options)> _listeners = [];

    /// <summary>Whether this node has such a listener.</summary>
    public bool IsConfigured { get; private set; }

    /// <summary>The listener's addresses as bound (with the port a <c>:0</c> was given).</summary>
    public IReadOnlyList<string> BoundAddresses =>
        [.. _listeners.Select(listener => $"{listener.Scheme}://{listener.Options.EndPoint}")];

    /// <summary>Whether <paramref name="http"/> arrived through this kind of listener.</summary>
    public static bool Received(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(TSelf), out var mark) == true && ReferenceEquals(mark, Mark);

    /// <summary>
    /// Registers the listener, and adds its endpoints <paramref name="name"/>0, 1… for
    /// <paramref name="urls"/> (none: not configured) to the builder's Kestrel configuration.
    /// </summary>
    protected static TSelf Configure(WebApplicationBuilder builder, string defaultUrls, string name, IReadOnlyList<string> urls, string? protocols)
    {
        var listener = new TSelf { IsConfigured = urls.Count > 0 };
        builder.Services.AddSingleton(listener);
        if (listener.IsConfigured)
        {
            SideListeners.Add(builder, defaultUrls, name, urls, protocols, (scheme, options) =>
            {
                listener._listeners.Add((scheme, options));
                options.Use(next => connection =>
                {
                    connection.Items[typeof(TSelf)] = Mark;
                    return next(connection);
                });
            });
        }

        return listener;
    }
}
