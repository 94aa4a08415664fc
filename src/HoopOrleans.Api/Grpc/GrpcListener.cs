using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// The listener of <c>Grpc:Urls</c>, where hoop's CLI speaks its transport, added beside the
/// node's own addresses through Kestrel's endpoint configuration with its connections marked
/// (<see cref="MarkedListener{TSelf}"/>), HTTP/2 only: plaintext gRPC (h2c) has no negotiation,
/// so an endpoint that also spoke HTTP/1.1 could not tell a gRPC client's preface apart. Only
/// hoop's transport is served there, and hoop's transport only there.
/// </summary>
internal sealed class GrpcListener : MarkedListener<GrpcListener>
{
    /// <summary>Adds the listener of <c>Grpc:Urls</c> (by default <see cref="GrpcOptions.DefaultUrls"/>) to the builder's Kestrel configuration.</summary>
    public static GrpcListener Configure(WebApplicationBuilder builder, string defaultUrls) =>
        Configure(builder, defaultUrls, "Grpc", (builder.Configuration.GetSection(GrpcOptions.Section).Get<GrpcOptions>() ?? new()).UrlList, nameof(HttpProtocols.Http2));
}
