using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

namespace HoopOrleans.Sessions;

/// <summary>
/// How a session's final state is retried until it is stored: 100 ms doubling to 5 s between
/// attempts, for as long as the activation lives. A result is never given up on while its node
/// runs: readers see the session running meanwhile, and the activation is kept alive for it.
/// </summary>
public static class FinalStateRetry
{
    /// <summary>The resilience pipeline's name.</summary>
    public const string PipelineName = "session-final-state";

    public static IServiceCollection AddFinalStateRetry(this IServiceCollection services)
    {
        services.AddResiliencePipeline(PipelineName, pipeline => pipeline.AddRetry(new RetryStrategyOptions
        {
            // Every failure but the activation's own cancellation is retried.
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = false,
        }));
        return services;
    }
}
