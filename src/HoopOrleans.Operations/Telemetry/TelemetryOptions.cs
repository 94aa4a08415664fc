namespace HoopOrleans.Operations.Telemetry;

/// <summary>Whether a node measures itself; bound from the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Metrics (the <c>HoopOrleans</c> meter, Orleans', the runtime's, ASP.NET Core's, Npgsql's) on
    /// <c>/metrics</c> and, with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, over OTLP with traces. Off, no
    /// meter or activity source has a listener, so the service's instruments cost a check, and
    /// <c>/metrics</c> answers <c>404</c>. On by default, as in production; the switch exists to
    /// measure what it costs.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
