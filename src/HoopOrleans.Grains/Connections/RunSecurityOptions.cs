using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>How a root service gives runs users of their own; bound from the <c>Security</c> section.</summary>
public sealed class RunSecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// <c>first-last</c>: uids for connections that name no <c>User</c>, one per connection, never
    /// shared, skipping any uid that has an account or that another connection names.
    /// </summary>
    public string RunUidRange { get; set; } = "2100000000-2100099999";

    /// <summary>Where the homes of range uids are made, one directory per uid, owned by it.</summary>
    public string RunHomeRoot { get; set; } = "/var/lib/hoop-orleans/home";

    /// <summary>The range as numbers, or null when it is not <c>first-last</c> with first ≤ last, both above 0.</summary>
    public (uint First, uint Last)? UidRange()
    {
        var parts = RunUidRange.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && uint.TryParse(parts[0], out var first) && uint.TryParse(parts[1], out var last) && first > 0 && first <= last && last < uint.MaxValue
            ? (first, last)
            : null;
    }
}

/// <summary>Refuses a range that cannot be read or a home root that is not absolute, naming the key.</summary>
public sealed class RunSecurityOptionsValidator : IValidateOptions<RunSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, RunSecurityOptions options)
    {
        var failures = new List<string>();
        if (options.UidRange() is null)
        {
            failures.Add($"{RunSecurityOptions.Section}:RunUidRange must be 'first-last', two uids with 0 < first <= last < 4294967295.");
        }

        if (!Path.IsPathFullyQualified(options.RunHomeRoot))
        {
            failures.Add($"{RunSecurityOptions.Section}:RunHomeRoot must be an absolute path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
