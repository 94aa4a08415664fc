using HoopOrleans.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage;

/// <summary>
/// Deletes, every <c>Retention:SweepInterval</c>, the finished sessions whose end date is older
/// than <c>Retention:MaxAge</c>; each store says how. A sweep that fails is logged and tried again
/// at the next tick: retention is housekeeping and never stops the node.
/// </summary>
public abstract partial class RetentionSweeper(IOptions<RetentionOptions> options, TimeProvider time, ILogger logger)
    : PeriodicSweeper(options.Value.SweepInterval, time, logger, "Retention sweep")
{
    /// <summary>Sweeps once, now: deletes every finished session past the age and returns how many.</summary>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - options.Value.MaxAge;
        var deleted = await DeleteFinishedBeforeAsync(cutoff, cancellationToken);
        HoopMetrics.RetentionDeletedSessions(deleted, HoopMetrics.AgeCause);
        if (deleted > 0)
        {
            Swept(Logger, deleted, cutoff);
        }
        else
        {
            NothingToSweep(Logger, cutoff);
        }

        return deleted;
    }

    /// <summary>Deletes the finished sessions that ended before <paramref name="cutoff"/>, and only those; returns how many.</summary>
    protected abstract Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    [LoggerMessage(1, LogLevel.Information, "Retention deleted {Count} finished sessions that ended before {Cutoff:O}")]
    private static partial void Swept(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(2, LogLevel.Debug, "Retention found no finished session that ended before {Cutoff:O}")]
    private static partial void NothingToSweep(ILogger logger, DateTimeOffset cutoff);
}
