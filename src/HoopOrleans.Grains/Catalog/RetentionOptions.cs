using Microsoft.Extensions.Options;

namespace HoopOrleans.Catalog;

/// <summary>How long finished sessions are kept, and how much of them; bound from the <c>Retention</c> section.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Finished sessions whose end date is older than this are deleted, in every store.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The embedded store's cap on what its sessions take, whole records counted; past it the
    /// oldest finished sessions are deleted first. Sessions not yet done are never deleted, so
    /// they alone can hold the store above it. PostgreSQL ignores it: rows live on disk.
    /// </summary>
    public long MaxStoredBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How often each node looks for sessions past <see cref="MaxAge"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

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
