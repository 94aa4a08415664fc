using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>The connections this node can run, by exact name.</summary>
public sealed class ConnectionCatalog
{
    /// <summary>
    /// The only variables a run inherits from the service. Everything else in the service's
    /// environment (database passwords, cloud credentials) stays out of user scripts.
    /// </summary>
    public static readonly ImmutableArray<string> InheritedVariables =
        ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM"];

    private readonly FrozenDictionary<string, Connection> _connections;

    public ConnectionCatalog(IOptions<Dictionary<string, ConnectionOptions>> options)
    {
        var inherited = InheritedEnvironment();
        _connections = options.Value.ToFrozenDictionary(
            pair => pair.Key,
            pair => new Connection(
                pair.Key,
                [.. pair.Value.Command],
                MergeEnvironment(inherited, pair.Value.Env),
                pair.Value.Timeout,
                pair.Value.Review),
            StringComparer.Ordinal);
    }

    /// <summary>Finds a connection by its exact name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Connection connection) =>
        _connections.TryGetValue(name, out connection);

    private static Dictionary<string, string> InheritedEnvironment()
    {
        var inherited = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && InheritedVariables.Contains(name))
            {
                inherited[name] = value;
            }
        }

        return inherited;
    }

    private static ImmutableArray<string> MergeEnvironment(Dictionary<string, string> inherited, Dictionary<string, string> extra)
    {
        var merged = new Dictionary<string, string>(inherited, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return [.. merged.Select(pair => $"{pair.Key}={pair.Value}")];
    }
}
