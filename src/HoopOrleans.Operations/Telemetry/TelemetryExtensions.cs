using HoopOrleans.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HoopOrleans.Operations.Telemetry;

/// <summary>
/// What a node measures and where it goes, the same for the front end and the silo host: the
/// service's meter and Orleans', the runtime's, ASP.NET Core's, HttpClient's and Npgsql's, read by
/// the Prometheus exporter behind <c>/metrics</c> (<see cref="MetricsRoutes.MapHoopMetrics"/>),
/// and over OTLP with traces when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the
/// other standard <c>OTEL_*</c> variables itself).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The meters the exporters read, beside ASP.NET Core's and HttpClient's (their instrumentation adds those).</summary>
    public static readonly string[] Meters = [HoopMetrics.MeterName, "Microsoft.Orleans", "System.Runtime"];

    /// <summary>
    /// The activity sources of a trace: ours, Orleans' grain calls and grain storage. Orleans'
    /// runtime source (membership, directory, system targets) is left out: it is the cluster's own
    /// chatter, not a request's.
    /// </summary>
    public static readonly string[] ActivitySources = [HoopActivities.SourceName, Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, Orleans.Diagnostics.ActivitySources.StorageActivitySourceName];

    /// <param name="serviceName">The <c>service.name</c> of this kind of node, unless <c>OTEL_SERVICE_NAME</c> names one.</param>
    public static IHostApplicationBuilder AddHoopTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = TelemetrySettings.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));
        if (!options.Enabled)
        {
            return builder;
        }

        var otlp = TelemetrySettings.OtlpEndpoint(builder.Configuration) is not null;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(serviceName);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // The exporter keeps a scrape's answer for 300 ms by default, so a scrape
                    // right after a run could miss it; a collect is cheap, so every scrape is live.
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // Sources and instrumentation are configured always, the tracer provider only with an
        // exporter: without one, every request would build spans that go nowhere. A host that
        // adds an exporter of its own (the tests' in-memory one) gets the same spans.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(ActivitySources)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !Management.ManagementRoutes.Contains(http.Request.Path))
            .AddHttpClientInstrumentation()
            .AddNpgsql());
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        return builder;
    }
}
