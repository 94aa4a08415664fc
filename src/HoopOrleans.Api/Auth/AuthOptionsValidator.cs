using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Auth;

/// <summary>Refuses keys that could never match or that grant nothing, and bounds below one, naming the key.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyName, key) in options.Keys)
        {
            var prefix = $"{AuthOptions.Section}:Keys:{keyName}";
            if (key.Hash.Length != 64 || !key.Hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                failures.Add($"{prefix}:Hash must be the lowercase hex SHA-256 of the key (64 characters).");
            }
            else if (!hashes.Add(key.Hash))
            {
                failures.Add($"{prefix}:Hash is the hash of another key too.");
            }

            CheckBound(failures, $"{prefix}:{nameof(ApiKeyOptions.MaxConcurrentRuns)}", ApiKeyOptions.Bound(key.MaxConcurrentRuns));
            CheckBound(failures, $"{prefix}:{nameof(ApiKeyOptions.MaxStreams)}", ApiKeyOptions.Bound(key.MaxStreams));
            if (key.Roles.Length == 0 || key.Roles.Any(role => !Roles.All.Contains(role)))
            {
                failures.Add($"{prefix}:Roles must name one or more of {string.Join(", ", Roles.All)}.");
            }
        }

        foreach (var (section, bounds) in new[] { (nameof(AuthOptions.Defaults), options.Defaults), (nameof(AuthOptions.Anonymous), options.Anonymous) })
        {
            CheckBound(failures, $"{AuthOptions.Section}:{section}:{nameof(CallerBoundOptions.MaxConcurrentRuns)}", bounds.MaxConcurrentRuns);
            CheckBound(failures, $"{AuthOptions.Section}:{section}:{nameof(CallerBoundOptions.MaxStreams)}", bounds.MaxStreams);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A bound of zero or less would refuse every run or stream of the caller: a mistake, never a setting.</summary>
    private static void CheckBound(List<string> failures, string setting, int? value)
    {
        if (value is < 1)
        {
            failures.Add($"{setting} must be a whole number of 1 or more.");
        }
    }
}
