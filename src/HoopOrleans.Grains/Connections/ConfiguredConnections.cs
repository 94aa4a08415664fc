using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using HoopOrleans.Processes;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>The connections this node can run, by exact name.</summary>
public sealed partial class ConfiguredConnections
{
    /// <summary>
    /// The only variables a run inherits from the service. Everything else in the service's
    /// environment (database passwords, cloud credentials) stays out of user scripts.
    /// </summary>
    public static readonly ImmutableArray<string> InheritedVariables =
        ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM"];

    private readonly FrozenDictionary<string, Connection> _connections;

    /// <param name="options">The connections as configured.</param>
    /// <param name="logger">Where start-up says what a connection runs as and which caps it goes without.</param>
    /// <param name="launcher">What this node can enforce; without one (tests of connections alone), every cap is kept.</param>
    public ConfiguredConnections(
        IOptions<Dictionary<string, ConnectionOptions>> options, ILogger<ConfiguredConnections>? logger = null, RunLauncher? launcher = null)
    {
        var limitsProcesses = launcher?.LimitsProcesses ?? true;
        var limitsMemory = launcher?.LimitsMemory ?? true;
        var inherited = InheritedEnvironment();
        var users = RunUsers.Resolve(options.Value, UserDatabase.IsRoot);
        _connections = options.Value.ToFrozenDictionary(
            pair => pair.Key,
            pair => new Connection(
                pair.Key,
                [.. pair.Value.Command],
                inherited,
                pair.Value.Env.ToImmutableDictionary(StringComparer.Ordinal),
                pair.Value.Timeout,
                pair.Value.Review,
                users[pair.Key],
                users[pair.Key] is null ? RunUsers.GroupOf(pair.Key, pair.Value) : null,
                pair.Value.WorkingDirectory,
                Limits(pair.Key, pair.Value, limitsProcesses, limitsMemory, logger),
                Profile(pair.Value)),
            StringComparer.Ordinal);
        foreach (var connection in _connections.Values.Where(connection => UserDatabase.IsRoot && connection.SharedUser is { Identity: null }))
        {
            if (logger is not null)
            {
                RunsAsRoot(logger, connection.Name);
            }
        }
    }

    /// <summary>Finds a connection by its exact name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Connection connection) =>
        _connections.TryGetValue(name, out connection);

    /// <summary>
    /// The connection's caps: all of them, except those it asks for only where enforceable
    /// (<see cref="ConnectionOptions.LimitsWhereEnforceable"/>) that this node cannot enforce, which
    /// are left out and said so (a cap the node cannot enforce would make every run fail to start;
    /// one an operator requires stopped the start already, <see cref="ConnectionLimitsValidator"/>).
    /// Said as information, not a warning: a machine without the controllers is a normal place to run.
    /// </summary>
    internal static RunLimits Limits(string name, ConnectionOptions options, bool limitsProcesses, bool limitsMemory, ILogger? logger)
    {
        var processes = options.MaxProcesses;
        var memory = options.MaxMemoryBytes;
        if (options.LimitsWhereEnforceable && processes is not null && !limitsProcesses)
        {
            processes = null;
            if (logger is not null)
            {
                CapLeftOut(logger, name, nameof(ConnectionOptions.MaxProcesses), "pids");
            }
        }

        if (options.LimitsWhereEnforceable && memory is not null && !limitsMemory)
        {
            memory = null;
            if (logger is not null)
            {
                CapLeftOut(logger, name, nameof(ConnectionOptions.MaxMemoryBytes), "memory");
            }
        }

        return new RunLimits(processes, memory);
    }

    private static ConnectionProfile Profile(ConnectionOptions options) => new(
        options.Type,
        options.Subtype,
        JsonSerializer.Serialize(new SortedDictionary<string, string>(options.Tags, StringComparer.Ordinal), ConnectionTagsJson.Default.SortedDictionaryStringString));

    /// <summary>The connections, by name.</summary>
    public IEnumerable<Connection> All => _connections.Values;

    private static ImmutableDictionary<string, string> InheritedEnvironment()
    {
        var inherited = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && InheritedVariables.Contains(name))
            {
                inherited[name] = value;
            }
        }

        return inherited.ToImmutableDictionary(StringComparer.Ordinal);
    }

    [LoggerMessage(1, LogLevel.Warning, "Connection {Connection} runs as root: its scripts are not contained and can read and change everything the service can")]
    private static partial void RunsAsRoot(ILogger logger, string connection);

    [LoggerMessage(2, LogLevel.Information, "Connection {Connection}: {Setting} is not enforced on this machine (no {Controller} cgroup controller this service may use); its runs go without it, as LimitsWhereEnforceable allows")]
    private static partial void CapLeftOut(ILogger logger, string connection, string setting, string controller);
}
