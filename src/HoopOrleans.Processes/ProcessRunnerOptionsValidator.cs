using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes;

/// <summary>Refuses process settings that would stop runs from starting or being read, naming the key.</summary>
public sealed class ProcessRunnerOptionsValidator : IValidateOptions<ProcessRunnerOptions>
{
    /// <summary>Linux's default pipe size, the smallest a heavy writer's pipe can usefully be.</summary>
    public const int DefaultPipeBytes = 64 * 1024;

    /// <summary>The largest heavy writer's pipe accepted (the loop keeps a read buffer of that size).</summary>
    public const int MaxHeavyWriterPipeBytes = 64 * 1024 * 1024;

    /// <summary>The most spawners accepted.</summary>
    public const int MaxSpawnerCount = 64;

    private static readonly TimeSpan LongestBacklogWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestSpawnerWait = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, ProcessRunnerOptions options)
    {
        var failures = new List<string>();
        const string Section = ProcessRunnerOptions.Section;
        if (options.BacklogWorkItems < 0)
        {
            failures.Add($"{Section}:BacklogWorkItems must not be negative.");
        }

        if (options.BacklogPollInterval < TimeSpan.FromMilliseconds(1) || options.BacklogPollInterval > LongestBacklogWait)
        {
            failures.Add($"{Section}:BacklogPollInterval must be at least 1 ms and at most {LongestBacklogWait}.");
        }

        if (options.MaxBacklogWait < TimeSpan.Zero || options.MaxBacklogWait > LongestBacklogWait)
        {
            failures.Add($"{Section}:MaxBacklogWait must not be negative and at most {LongestBacklogWait}.");
        }

        if (options.MinSpawners < 1 || options.MinSpawners > MaxSpawnerCount)
        {
            failures.Add($"{Section}:MinSpawners must be between 1 and {MaxSpawnerCount}.");
        }

        if (options.MaxSpawners < options.MinSpawners || options.MaxSpawners > MaxSpawnerCount)
        {
            failures.Add($"{Section}:MaxSpawners must be at least {Section}:MinSpawners and at most {MaxSpawnerCount}.");
        }

        if (options.SpawnerWait <= TimeSpan.Zero || options.SpawnerWait > LongestSpawnerWait)
        {
            failures.Add($"{Section}:SpawnerWait must be positive and at most {LongestSpawnerWait}.");
        }

        if (options.ReadsPerTurn < 1)
        {
            failures.Add($"{Section}:ReadsPerTurn must be positive.");
        }

        if (options.HeavyWriterPipeBytes < DefaultPipeBytes || options.HeavyWriterPipeBytes > MaxHeavyWriterPipeBytes)
        {
            failures.Add($"{Section}:HeavyWriterPipeBytes must be between {DefaultPipeBytes} and {MaxHeavyWriterPipeBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
