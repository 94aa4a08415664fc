using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Operations.Telemetry;

/// <summary>
/// Reads <c>Telemetry:*</c> and the OTLP endpoint while the host is being built (what is
/// registered depends on them), and refuses bad values then, naming the key.
/// </summary>
public static class TelemetrySettings
{
    /// <summary>The standard OpenTelemetry variable; set, metrics and traces are also sent there.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        var failures = new List<string>();
        try
        {
            configuration.GetSection(TelemetryOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value it could not convert.
            failures.Add(e.Message);
        }

        if (OtlpEndpoint(configuration) is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"{OtlpEndpointKey} must be an http:// or https:// address, not '{endpoint}'.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), failures);
        }

        return options;
    }

    /// <summary>The OTLP endpoint, or null when none is set.</summary>
    public static string? OtlpEndpoint(IConfiguration configuration) =>
        configuration[OtlpEndpointKey] is { Length: > 0 } endpoint ? endpoint.Trim() : null;
}
