using HoopOrleans.Hosting;
using HoopOrleans.Operations.Management;
using HoopOrleans.Operations.Logging;
using HoopOrleans.Operations.Probes;
using HoopOrleans.Operations.Telemetry;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Connections;
using HoopOrleans.Api.Dashboard;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Grpc;
using HoopOrleans.Api.Hosting;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.OpenApi;
using HoopOrleans.Api.Security;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Api.Users;
using HoopOrleans.Api.WebConsole;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Api;

/// <summary>Builds the HTTP front end; tests start the same application on ports of their own.</summary>
internal static class ApiApplication
{
    /// <summary>Where the service listens when no address is configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Connections the kernel holds for Kestrel to accept. At Kestrel's default of 512, a burst of
    /// a couple of thousand clients overflows the queue, and each dropped connection is retried by
    /// its client only after a second. The kernel caps it at net.core.somaxconn (4096 by default).
    /// </summary>
    public const int ListenBacklog = 4096;

    /// <param name="args">Command-line arguments, which override every other configuration source.</param>
    /// <param name="configure">A last word on the builder, for hosts that embed the API (tests add log capture).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.UseSockets(sockets => sockets.Backlog = ListenBacklog);
        ManagementListener.Configure(builder, DefaultUrl);
        builder.AddHoopGrpc(DefaultUrl);
        builder.Services.AddValidatedOptions<ManagementOptions, ManagementOptionsValidator>(builder.Configuration.GetSection(ManagementOptions.Section));
        builder.AddApiKeys();
        builder.AddRequestGuards();
        builder.AddSessionApi();
        builder.AddOrleansFrontEnd();
        builder.Services.ConfigureHttpJsonOptions(ApiJsonContext.Apply);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.AddApiDocument();
        builder.Services.AddHoopProbes(HoopClusterSettings.Read(builder.Configuration).Mode == ClusterMode.Embedded ? NodeRole.Silo : NodeRole.ClusterClient);
        builder.AddHoopTelemetry("hooporleans-api");
        builder.AddHoopLogging();
        builder.AddHoopDataProtection();
        configure?.Invoke(builder);

        var app = builder.Build();
        // The management listener's requests are told apart before any rule applies; routing comes
        // after the /sessions alias has been rewritten to /api/sessions.
        app.UseManagementListener();
        app.UseGrpcListener();
        app.UseSessionsAlias();
        app.UseRouting();
        app.UseExceptionHandler(_ => { });
        app.UseStatusCodePages(JsonStatusCodePages.WriteAsync);
        app.UseRequestGuards();
        app.UseConsoleAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHoopProbes();
        var metrics = app.MapHoopMetrics();
        if (!app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Open)
        {
            metrics.RequireAuthorization(Roles.ObservePolicy);
        }

        app.MapSessionEndpoints();
        app.MapSessionStreams();
        app.MapUserInfo();
        app.MapConnectionEndpoints();
        app.MapHoopGrpc();
        app.MapHoopDashboard();
        app.MapApiDocument();
        app.MapConsole();
        return app;
    }
}
