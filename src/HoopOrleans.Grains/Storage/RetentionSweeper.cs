using HoopOrleans.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage;

/// <summary>
/// Deletes, every <c>Retention:SweepInterval</c>, the finished sessions whose end date is older
/// than <c>Retention:MaxAge</c>; each store says how. A sweep that fails is logged and tried again
/// at the next tick: retention is housekeeping and never stops the node.
/// </summary>
public abstract partial class RetentionSweeper(IOptions<RetentionOptions> options, TimeProvider time, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    SweepFailed(logger, e);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping; an interrupted sweep loses nothing, the next start sweeps again.
        }
    }

    /// <summary>Sweeps once, now: deletes every finished session past the age and returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.MaxAge;
        var deleted = await DeleteFinishedBeforeAsync(cutoff, cancellationToken);
        HoopMetrics.RetentionDeletedSessions(deleted, HoopMetrics.AgeCause);
        if (deleted > 0)
        {
            Swept(logger, deleted, cutoff);
        }
        else
        {
            NothingToSweep(logger, cutoff);
        }

        return deleted;
    }

    /// <summary>Deletes the finished sessions that ended before <paramref name="cutoff"/>, and only those; returns how many.</summary>
    protected abstract Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    [LoggerMessage(1, LogLevel.Information, "Retention deleted {Count} finished sessions that ended before {Cutoff:O}")]
    private static partial void Swept(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(2, LogLevel.Debug, "Retention found no finished session that ended before {Cutoff:O}")]
    private static partial void NothingToSweep(ILogger logger, DateTimeOffset cutoff);

    [LoggerMessage(3, LogLevel.Error, "Retention sweep failed; trying again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
