using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

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
