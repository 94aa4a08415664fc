using HoopOrleans.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HostFiltering;

namespace HoopOrleans.Api.Security;

internal static class SecurityExtensions
{
    /// <summary>The listen check, the keyless caller check, the host and origin rules, and CORS answers for <c>Http:AllowedOrigins</c>.</summary>
    public static WebApplicationBuilder AddRequestGuards(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HttpSecurityOptions, HttpSecurityOptionsValidator>(builder.Configuration.GetSection(HttpSecurityOptions.Section));
        builder.Services.AddSingleton<ListenGate>();
        builder.Services.AddSingleton<AllowedHostNames>();
        builder.Services.AddSingleton<Origins>();
        builder.Services.AddValidatedOptions<LocalCallerOptions, LocalCallerOptionsValidator>(builder.Configuration.GetSection(LocalCallerOptions.Section));
        builder.Services.AddSingleton<LocalCallers>();
        builder.Services.AddHostedService<LocalCallerSelfTest>();
        builder.Services.AddHostedService<ListenSafetyCheck>();

        // Every listener's connections meet the caller check when accepted, before any HTTP is read.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next =>
        {
            var callers = listen.ApplicationServices.GetRequiredService<LocalCallers>();
            return connection => callers.OnConnectedAsync(connection, next);
        })));

        // AllowedHostNames applies AllowedHosts itself, with a JSON error; the framework's own
        // filter runs first in the pipeline and would answer an empty 400.
        builder.Services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<Origins>((cors, origins) => cors.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(origins.IsListed)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("Location", "Retry-After")));
        return builder;
    }

    /// <summary>Guards go first: no request reaches authentication or an endpoint before them.</summary>
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseCors();
        return app;
    }
}
