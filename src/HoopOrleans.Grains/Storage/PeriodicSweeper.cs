using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Storage;

/// <summary>
/// Housekeeping that sweeps the store every interval on every silo. A sweep that fails is logged
/// and tried again at the next tick: housekeeping never stops the node, and an interrupted sweep
/// loses nothing, since the next one (on any node) finds what is left.
/// </summary>
/// <param name="sweep">What the sweep is, as its failure is logged ("Retention sweep").</param>
public abstract partial class PeriodicSweeper(TimeSpan interval, TimeProvider time, ILogger logger, string sweep) : BackgroundService
{
    /// <summary>The clock the sweep reads its cutoff from.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The concrete sweeper's log.</summary>
    protected ILogger Logger { get; } = logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
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
                    SweepFailed(Logger, e, sweep);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping; the next sweep, here after a start or on another node, goes on.
        }
    }

    /// <summary>Sweeps once, now; returns how many sessions it changed.</summary>
    public abstract Task<int> SweepAsync(CancellationToken cancellationToken);

    [LoggerMessage(3, LogLevel.Error, "{Sweep} failed; trying again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception, string sweep);
}
