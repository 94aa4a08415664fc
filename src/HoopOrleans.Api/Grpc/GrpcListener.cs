using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// The listener of <c>Grpc:Urls</c>, where hoop's CLI speaks its transport, added beside the
/// node's own addresses through Kestrel's endpoint configuration (<see cref="SideListeners"/>),
/// HTTP/2 only: plaintext gRPC (h2c) has no negotiation, so an endpoint that also spoke HTTP/1.1
/// could not tell a gRPC client's preface apart. Every connection it accepts is marked before any
/// HTTP is read; the mark, not the <c>Host</c> a request names, says a request came through it.
/// Only hoop's transport is served there, and hoop's transport only there.
/// </summary>
internal sealed class GrpcListener
{
    private const string GrpcEndpoint = "Grpc";
    private static readonly object Mark = new();

    private readonly List<(string Scheme, ListenOptions Options)> _listeners = [];

    /// <summary>Whether this front end serves gRPC at all.</summary>
    public bool IsConfigured { get; private init; }

    /// <summary>The listener's addresses as bound (with the port a <c>:0</c> was given).</summary>
    public IReadOnlyList<string> BoundAddresses =>
        [.. _listeners.Select(listener => $"{listener.Scheme}://{listener.Options.EndPoint}")];

    /// <summary>Whether <paramref name="http"/> arrived through the gRPC listener.</summary>
    public static bool Received(HttpContext http) =>
        http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(GrpcListener), out var mark) == true && ReferenceEquals(mark, Mark);

    /// <summary>Adds the listener of <c>Grpc:Urls</c> (by default <see cref="GrpcOptions.DefaultUrls"/>) to the builder's Kestrel configuration.</summary>
    public static GrpcListener Configure(WebApplicationBuilder builder, string defaultUrls)
    {
        var urls = (builder.Configuration.GetSection(GrpcOptions.Section).Get<GrpcOptions>() ?? new()).UrlList;
        var listener = new GrpcListener { IsConfigured = urls.Count > 0 };
        builder.Services.AddSingleton(listener);
        if (!listener.IsConfigured)
        {
            return listener;
        }

        SideListeners.Add(builder, defaultUrls, GrpcEndpoint, urls, nameof(HttpProtocols.Http2), (scheme, options) =>
        {
            listener._listeners.Add((scheme, options));
            options.Use(next => connection =>
            {
                connection.Items[typeof(GrpcListener)] = Mark;
                return next(connection);
            });
        });
        return listener;
    }
}
