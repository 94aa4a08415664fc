using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>Refuses to start with a connection that could never run or would be run unsafely.</summary>
public sealed class ConnectionsValidator : IValidateOptions<Dictionary<string, ConnectionOptions>>
{
    /// <summary>The longest timeout a cancellation timer can hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, Dictionary<string, ConnectionOptions> options)
    {
        var failures = new List<string>();
        foreach (var (connection, settings) in options)
        {
            var prefix = $"{ConnectionOptions.Section}:{connection}";
            if (settings.Command.Length == 0 || string.IsNullOrEmpty(settings.Command[0]))
            {
                failures.Add($"{prefix}:Command must name a program.");
            }

            if (settings.Command.Any(arg => arg.Contains('\0')))
            {
                failures.Add($"{prefix}:Command must not contain NUL characters.");
            }

            if (settings.Env.Any(pair => pair.Key.Length == 0 || pair.Key.Contains('=') || pair.Key.Contains('\0') || pair.Value.Contains('\0')))
            {
                failures.Add($"{prefix}:Env names must be non-empty without '=', and no name or value may contain NUL.");
            }

            if (settings.WorkingDirectory is { } directory && !Path.IsPathFullyQualified(directory))
            {
                failures.Add($"{prefix}:WorkingDirectory must be an absolute path.");
            }

            if (settings.MaxProcesses is <= 0)
            {
                failures.Add($"{prefix}:MaxProcesses must be positive.");
            }

            if (settings.MaxMemoryBytes is < 1024 * 1024)
            {
                failures.Add($"{prefix}:MaxMemoryBytes must be at least 1048576.");
            }

            ValidateProfile(prefix, settings, failures);

            if (settings.Timeout <= TimeSpan.Zero || settings.Timeout > MaxTimeout)
            {
                failures.Add($"{prefix}:Timeout must be positive and at most {MaxTimeout}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>hoop's type, subtype and tags: stored as text and JSON, which hold no NUL and no broken UTF-16. Each failure names its key.</summary>
    private static void ValidateProfile(string prefix, ConnectionOptions settings, List<string> failures)
    {
        const string Storable = "must hold no NUL or unpaired surrogate";
        if (string.IsNullOrEmpty(settings.Type))
        {
            failures.Add($"{prefix}:Type must be non-empty.");
        }
        else if (NotStorable(settings.Type))
        {
            failures.Add($"{prefix}:Type {Storable}.");
        }

        if (NotStorable(settings.Subtype))
        {
            failures.Add($"{prefix}:Subtype {Storable}.");
        }

        if (settings.Tags.Keys.Any(NotStorable))
        {
            // Such a name cannot be shown in the message either.
            failures.Add($"{prefix}:Tags names {Storable}.");
        }

        foreach (var (tag, _) in settings.Tags.Where(pair => !NotStorable(pair.Key) && NotStorable(pair.Value)))
        {
            failures.Add($"{prefix}:Tags:{tag} {Storable}.");
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool NotStorable(string text)
    {
        if (text.Contains('\0'))
        {
            return true;
        }

        try
        {
            StrictUtf8.GetByteCount(text);
            return false;
        }
        catch (System.Text.EncoderFallbackException)
        {
            // Only an unpaired surrogate has no UTF-8 form.
            return true;
        }
    }
}
