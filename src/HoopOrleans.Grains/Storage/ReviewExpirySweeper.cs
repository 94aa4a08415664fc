using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage;

/// <summary>
/// Every <c>Retention:SweepInterval</c>, finds the sessions that have waited for their review
/// longer than <c>Retention:ReviewMaxAge</c> and asks each one's grain to expire it.
/// </summary>
/// <remarks>
/// Why a sweep that wakes grains rather than a timer or reminder in each grain: a waiting session's
/// activation is collected while it sits idle for days, which ends a grain timer; Orleans reminders
/// would need a reminder table of their own in PostgreSQL and a reminder per waiting session. The
/// store already knows which sessions wait and since when, and the lost-session sweep wakes grains
/// the same way. The grain stays the only place that decides: it checks its own record against the
/// age, stores the final state and counts it like every other finish. In a cluster every silo
/// sweeps; two silos finding the same session both call its one grain, and the second call finds
/// it already ended and changes nothing.
/// </remarks>
public sealed partial class ReviewExpirySweeper(
    IWaitingReviews waiting,
    IGrainFactory grains,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<ReviewExpirySweeper> logger) : PeriodicSweeper(options.Value.SweepInterval, time, logger, "Review expiry sweep")
{
    /// <summary>
    /// Sessions expired per sweep: each is one grain call and one write, made one after another so
    /// a backlog (a service that ran long without this) costs the node a trickle, not a burst; the
    /// next sweep takes the next batch.
    /// </summary>
    internal const int BatchSize = 500;

    /// <summary>Sweeps once, now: asks the grain of every session waiting past the age to expire it; returns how many it expired.</summary>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - options.Value.ReviewMaxAge;
        var expired = 0;
        foreach (var id in await waiting.RequestedBeforeAsync(cutoff, BatchSize, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await grains.GetGrain<ISessionGrain>(id).ExpireReview())
            {
                expired++;
            }
        }

        if (expired > 0)
        {
            Expired(Logger, expired, cutoff);
        }

        return expired;
    }

    [LoggerMessage(1, LogLevel.Information, "Review expiry ended {Count} sessions that waited for their review since before {Cutoff:O}")]
    private static partial void Expired(ILogger logger, int count, DateTimeOffset cutoff);
}
