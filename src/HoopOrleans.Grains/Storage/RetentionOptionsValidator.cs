using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage;

/// <summary>Refuses retention settings that would delete at once, never, or keep a timer that cannot run, naming the key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <summary>
    /// The longest age accepted. A cut-off is "now minus the age", which must stay a representable
    /// date; a century keeps it far from that edge and is as good as "forever" for sessions.
    /// </summary>
    public static readonly TimeSpan LongestMaxAge = TimeSpan.FromDays(36500);

    /// <summary>The longest sweep interval; a sweep a day already leaves sessions up to a day past their age.</summary>
    public static readonly TimeSpan LongestSweepInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAge <= TimeSpan.Zero || options.MaxAge > LongestMaxAge)
        {
            failures.Add($"{RetentionOptions.Section}:MaxAge must be positive and at most {LongestMaxAge}.");
        }

        if (options.ReviewMaxAge <= TimeSpan.Zero || options.ReviewMaxAge > LongestMaxAge)
        {
            failures.Add($"{RetentionOptions.Section}:ReviewMaxAge must be positive and at most {LongestMaxAge}.");
        }

        if (options.MaxStoredBytes <= 0)
        {
            failures.Add($"{RetentionOptions.Section}:MaxStoredBytes must be positive.");
        }

        if (options.SweepInterval <= TimeSpan.Zero || options.SweepInterval > LongestSweepInterval)
        {
            failures.Add($"{RetentionOptions.Section}:SweepInterval must be positive and at most {LongestSweepInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
