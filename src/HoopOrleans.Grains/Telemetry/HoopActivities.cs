using System.Diagnostics;

namespace HoopOrleans.Telemetry;

/// <summary>
/// The service's own activity source, <c>HoopOrleans</c>: the spans of a run inside its session's
/// grain, below the grain call that launched it (Orleans carries the caller's trace into the grain,
/// see <c>AddActivityPropagation</c> in <c>HoopClusterConfiguration</c>). A run is
/// <see cref="Run"/>, with <see cref="ProcessStart"/>, <see cref="ProcessRun"/> and
/// <see cref="StoreResult"/> under it. Spans carry the session's id and connection, never a
/// script or output. While nothing listens (no tracer provider), starting one returns null and
/// costs a check.
/// </summary>
public static class HoopActivities
{
    public const string SourceName = "HoopOrleans";

    public const string Run = "session.run";
    public const string ProcessStart = "process.start";
    public const string ProcessRun = "process.run";
    public const string StoreResult = "session.store_result";

    public const string SessionIdTag = "hooporleans.session.id";
    public const string ConnectionTag = "hooporleans.connection";
    public const string PidTag = "process.pid";
    public const string ExitCodeTag = "process.exit.code";
    public const string EndingTag = "hooporleans.run.ending";
    public const string OutcomeTag = "hooporleans.outcome";
    public const string AttemptsTag = "hooporleans.store.attempts";

    public static readonly ActivitySource Source = new(SourceName, typeof(HoopActivities).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a span of a session's run; null while nothing listens.</summary>
    public static Activity? Start(string name, string sessionId, string connection)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(SessionIdTag, sessionId);
        activity?.SetTag(ConnectionTag, connection);
        return activity;
    }
}
