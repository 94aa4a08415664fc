using System.Diagnostics.Metrics;

namespace HoopOrleans.Telemetry;

/// <summary>
/// The service's own meter, <c>HoopOrleans</c>, and every instrument on it, created once for the
/// process as Orleans' own meter is: the silo's grains and the front end both record here, and
/// whatever reads meters (OpenTelemetry's Prometheus and OTLP exporters, <c>dotnet-counters</c>)
/// picks them up by the meter's name. Tags are bounded values only: a connection's name (the
/// configuration bounds them), an outcome, a status code, a cause. Never a session id, a user's
/// script or output. Each method builds its tags on the stack, and does nothing while no reader
/// listens to the instrument.
/// </summary>
public static class HoopMetrics
{
    public const string MeterName = "HoopOrleans";

    public const string ConnectionTag = "connection";
    public const string OutcomeTag = "outcome";
    public const string StatusCodeTag = "http.response.status_code";
    public const string CauseTag = "cause";

    /// <summary>Retention deleted sessions past <c>Retention:MaxAge</c>.</summary>
    public const string AgeCause = "age";

    /// <summary>The embedded store deleted sessions past <c>Retention:MaxStoredBytes</c>.</summary>
    public const string StoredBytesCause = "stored_bytes";

    private static readonly Meter Meter = new(MeterName, typeof(HoopMetrics).Assembly.GetName().Version?.ToString());

    // Boxed once: an int tag value would otherwise be boxed at every answer.
    private static readonly object Status429 = 429;
    private static readonly object Status503 = 503;

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "hooporleans.sessions.started", "{session}", "Runs launched: a session stored as running, its program about to start");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "hooporleans.sessions.finished", "{session}", "Sessions whose final state was stored, by outcome (success or failed); runs, rejected reviews, kills before a run and lost sessions alike");

    private static readonly UpDownCounter<long> Running = Meter.CreateUpDownCounter<long>(
        "hooporleans.sessions.running", "{session}", "Runs this node holds now, from launch until their result is stored");

    private static readonly UpDownCounter<long> AwaitingReview = Meter.CreateUpDownCounter<long>(
        "hooporleans.sessions.awaiting_review", "{session}", "Sessions waiting for a review: added where one starts waiting, taken away where it is reviewed or killed");

    private static readonly Counter<long> Killed = Meter.CreateCounter<long>(
        "hooporleans.sessions.killed", "{session}", "Kills of sessions that were running or waiting to run");

    private static readonly Counter<long> Lost = Meter.CreateCounter<long>(
        "hooporleans.sessions.lost", "{session}", "Sessions settled as lost: their node died while they ran");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram(
        "hooporleans.run.duration", "s", "From a program's start to its exit, by connection and outcome",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Histogram<long> OutputSize = Meter.CreateHistogram(
        "hooporleans.run.output.size", "By", "Output a run kept (up to Sessions:MaxOutputBytes), by connection",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 64, 1024, 16384, 262144, 1048576, 4194304, 16777216] });

    private static readonly Histogram<double> SpawnDuration = Meter.CreateHistogram(
        "hooporleans.run.spawn.duration", "s", "From asking the process runner to start a program until it runs (queueing for the launcher included), by connection",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>(
        "hooporleans.api.accepted", "{answer}", "Runs answered 202: not finished within the wait, or their answer lost, so the client polls");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "hooporleans.api.refused", "{answer}", "Answers 429 (the node's runs are all taken) and 503 (the cluster or the store unavailable, or the node draining)");

    private static readonly Counter<long> FinalWriteRetries = Meter.CreateCounter<long>(
        "hooporleans.store.final_write.retries", "{attempt}", "Attempts to store a session's final state that failed and are tried again");

    private static readonly Counter<long> RetentionDeleted = Meter.CreateCounter<long>(
        "hooporleans.retention.deleted", "{session}", "Finished sessions retention deleted, by cause (age or stored_bytes)");

    public static void SessionStarted(string connection)
    {
        if (Started.Enabled)
        {
            Started.Add(1, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    public static void SessionFinished(string connection, string outcome)
    {
        if (Finished.Enabled)
        {
            Finished.Add(1, new KeyValuePair<string, object?>(ConnectionTag, connection), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }

    public static void RunHeld(string connection, int change)
    {
        if (Running.Enabled)
        {
            Running.Add(change, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    public static void ReviewAwaited(string connection, int change)
    {
        if (AwaitingReview.Enabled)
        {
            AwaitingReview.Add(change, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    public static void SessionKilled(string connection)
    {
        if (Killed.Enabled)
        {
            Killed.Add(1, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    public static void SessionLost(string connection)
    {
        if (Lost.Enabled)
        {
            Lost.Add(1, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    /// <summary>A program's run from start to exit, and the output it kept.</summary>
    public static void RunEnded(string connection, string outcome, TimeSpan duration, long outputBytes)
    {
        if (RunDuration.Enabled)
        {
            RunDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(ConnectionTag, connection), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }

        if (OutputSize.Enabled)
        {
            OutputSize.Record(outputBytes, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    public static void ProgramSpawned(string connection, TimeSpan took)
    {
        if (SpawnDuration.Enabled)
        {
            SpawnDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    /// <summary>A run answered <c>202</c>; <paramref name="connection"/> is null when the answer was lost before the front end learnt it.</summary>
    public static void RunAccepted(string? connection)
    {
        if (!Accepted.Enabled)
        {
            return;
        }

        if (connection is null)
        {
            Accepted.Add(1);
        }
        else
        {
            Accepted.Add(1, new KeyValuePair<string, object?>(ConnectionTag, connection));
        }
    }

    /// <summary>An answer <c>429</c> or <c>503</c>; other statuses are not counted here.</summary>
    public static void RequestRefused(int status)
    {
        var boxed = status switch
        {
            429 => Status429,
            503 => Status503,
            _ => null,
        };
        if (boxed is not null && Refused.Enabled)
        {
            Refused.Add(1, new KeyValuePair<string, object?>(StatusCodeTag, boxed));
        }
    }

    public static void FinalWriteRetried()
    {
        if (FinalWriteRetries.Enabled)
        {
            FinalWriteRetries.Add(1);
        }
    }

    public static void RetentionDeletedSessions(int count, string cause)
    {
        if (count > 0 && RetentionDeleted.Enabled)
        {
            RetentionDeleted.Add(count, new KeyValuePair<string, object?>(CauseTag, cause));
        }
    }
}
