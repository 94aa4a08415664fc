using Grpc.AspNetCore.Server;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Grpc;

/// <summary>hoop's gRPC transport on the front end: its listener, its service, and the rule that each serves only the other.</summary>
internal static class GrpcExtensions
{
    /// <summary>The path every method of hoop's transport is under.</summary>
    private const string TransportPath = "/protobuf.Transport/";

    /// <summary>Adds the listener of <c>Grpc:Urls</c> and the transport service. Call it after anything else that sets the node's addresses.</summary>
    public static void AddHoopGrpc(this WebApplicationBuilder builder, string defaultUrls)
    {
        GrpcListener.Configure(builder, defaultUrls);
        builder.Services.AddOptions<GrpcOptions>().Bind(builder.Configuration.GetSection(GrpcOptions.Section));
        builder.Services.AddGrpc();
        builder.Services.AddOptions<GrpcServiceOptions>().Configure<IOptions<HoopSessionOptions>>((grpc, sessions) =>
        {
            // A packet's payload is a script; a larger one is refused by the request rules with a
            // message, not cut off by the transport with none.
            grpc.MaxReceiveMessageSize = sessions.Value.MaxRequestBytes + (64 * 1024);
            grpc.EnableDetailedErrors = false;

            // No catch-all routes for unknown services and methods: "/{service}/{method}" would
            // also match the HTTP API's two-segment paths (a POST to /api/sessions with a body
            // that is not JSON would meet gRPC's 404 rather than the API's 415).
            grpc.IgnoreUnknownServices = true;
        });
        builder.Services.AddSingleton<SessionServices>();
        builder.Services.AddSingleton<ExecStreamServices>();
    }

    /// <summary>
    /// Serves hoop's transport on the gRPC listener only, and nothing else there: a request that
    /// crossed to the other kind of listener is <c>404</c> before routing.
    /// </summary>
    public static IApplicationBuilder UseGrpcListener(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<GrpcListener>().IsConfigured)
        {
            return app;
        }

        return app.Use((http, next) =>
        {
            var transport = http.Request.Path.StartsWithSegments(TransportPath.TrimEnd('/'), StringComparison.Ordinal);
            return transport == GrpcListener.Received(http)
                ? next(http)
                : ApiErrors.WriteAsync(http, StatusCodes.Status404NotFound, transport ? "hoop's gRPC transport is served on Grpc:Urls only" : "the gRPC listener serves hoop's transport only");
        });
    }

    public static void MapHoopGrpc(this WebApplication app)
    {
        if (app.Services.GetRequiredService<GrpcListener>().IsConfigured)
        {
            app.MapGrpcService<TransportService>();
        }
    }
}
