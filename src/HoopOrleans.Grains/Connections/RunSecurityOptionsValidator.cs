using HoopOrleans.Processes;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>Refuses a range that cannot be read, or a home root that is not absolute or (under a root service) that others could write to, naming the key.</summary>
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
        else if (UserDatabase.IsRoot && RunHomes.Problem(options.RunHomeRoot) is { } problem)
        {
            // Only a root service gives homes away; a root another user could write to would let
            // that user plant a link where a home goes. Checked again on the directory as opened.
            failures.Add($"{RunSecurityOptions.Section}:RunHomeRoot: {problem}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
