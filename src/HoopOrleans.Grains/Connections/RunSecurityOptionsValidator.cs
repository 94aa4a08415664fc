using HoopOrleans.Processes;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>Refuses a range that cannot be read or (under a root service) that overlaps a subordinate id range, or a home root that is not absolute or (under a root service) that others could write to, naming the key.</summary>
public sealed class RunSecurityOptionsValidator : IValidateOptions<RunSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, RunSecurityOptions options)
    {
        var failures = new List<string>();
        if (options.UidRange() is null)
        {
            failures.Add($"{RunSecurityOptions.Section}:RunUidRange must be 'first-last', two uids with 0 < first <= last < 4294967295.");
        }

        if (options.SubordinateIdPaths().FirstOrDefault(path => !Path.IsPathFullyQualified(path)) is { } relative)
        {
            failures.Add($"{RunSecurityOptions.Section}:SubordinateIdFiles must list absolute paths, not '{relative}'.");
        }
        else if (UserDatabase.IsRoot && options.UidRange() is { } range)
        {
            failures.AddRange(SubordinateOverlaps(options, range.First, range.Last));
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

    /// <summary>
    /// Only a root service gives runs range uids. One that is also a subordinate id is some user's
    /// container root (or a file it owns) as the kernel sees it: a run could act on that user's
    /// containers, and they on its processes.
    /// </summary>
    private static IEnumerable<string> SubordinateOverlaps(RunSecurityOptions options, uint first, uint last)
    {
        foreach (var path in options.SubordinateIdPaths())
        {
            SubordinateIds.Range? overlap;
            string? unreadable = null;
            try
            {
                overlap = SubordinateIds.Overlap(path, first, last);
            }
            catch (IOException e)
            {
                overlap = null;
                unreadable = e.Message;
            }

            if (unreadable is not null)
            {
                yield return $"{RunSecurityOptions.Section}:RunUidRange cannot be checked against {path} ({RunSecurityOptions.Section}:SubordinateIdFiles): {unreadable}.";
            }
            else if (overlap is not null)
            {
                yield return $"{RunSecurityOptions.Section}:RunUidRange {first}-{last} overlaps the subordinate ids {overlap.First}-{overlap.Last} of '{overlap.Owner}' in {path}: choose a range outside every subordinate range.";
            }
        }
    }
}
