using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// Which settings that hold secrets were given as command-line arguments. A process's argv is in
/// <c>/proc/&lt;pid&gt;/cmdline</c>, which every local user can read (and a run too, unless
/// <c>/proc</c> is mounted with <c>hidepid</c>); its environment and its files are its own user's.
/// </summary>
public static class CommandLineSecrets
{
    /// <summary>
    /// The keys, never the values, of the secrets among the command line's settings: API key hashes
    /// (<c>Auth:Keys:&lt;name&gt;:Hash</c>), connection environments (<c>Connections:&lt;name&gt;:Env:&lt;variable&gt;</c>),
    /// connection strings that hold a password (<c>ConnectionStrings:&lt;name&gt;</c>; one that names
    /// a password file is not a secret), and any <c>…:Password</c> (Kestrel's certificate passwords).
    /// Paths, such as <c>Orleans:Tls:KeyPath</c>, are not secrets: the files they name are.
    /// </summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return [];
        }

        var found = new List<string>();
        foreach (var commandLine in root.Providers.OfType<CommandLineConfigurationProvider>())
        {
            foreach (var key in Keys(commandLine, null))
            {
                if (commandLine.TryGet(key, out var value) && IsSecret(key, value))
                {
                    found.Add(key);
                }
            }
        }

        return [.. found.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The environment variable that sets <paramref name="key"/>, as the warning suggests it.</summary>
    public static string VariableOf(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static IEnumerable<string> Keys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = parent is null ? child : $"{parent}{ConfigurationPath.KeyDelimiter}{child}";
            yield return key;
            foreach (var below in Keys(provider, key))
            {
                yield return below;
            }
        }
    }

    private static bool IsSecret(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        return segments switch
        {
            [var auth, var keys, _, var hash] when Is(auth, "Auth") && Is(keys, "Keys") && Is(hash, "Hash") => true,
            [var connections, _, var env, _] when Is(connections, "Connections") && Is(env, "Env") => true,
            [var strings, _] when Is(strings, "ConnectionStrings") => HoldsPassword(value),
            _ => segments[^1].EndsWith("Password", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static bool HoldsPassword(string connectionString)
    {
        try
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return parsed.ContainsKey("Password") || parsed.ContainsKey("Pwd");
        }
        catch (ArgumentException)
        {
            // Not a connection string the service could use either; what it holds cannot be told
            // apart from a password, so it is named rather than trusted.
            return true;
        }
    }
}
