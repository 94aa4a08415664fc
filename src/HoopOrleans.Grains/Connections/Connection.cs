using System.Collections.Immutable;
using HoopOrleans.Processes;

namespace HoopOrleans.Connections;

/// <summary>A configured connection, ready to start runs with.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Command">The argv that client arguments are appended to.</param>
/// <param name="Inherited">The service's variables a run inherits (<see cref="ConfiguredConnections.InheritedVariables"/>).</param>
/// <param name="Env">The connection's own variables, which win over the others.</param>
/// <param name="Timeout">The longest a run may take.</param>
/// <param name="Review">Runs need an approval first.</param>
/// <param name="SharedUser">The user every caller's runs share (a <c>User</c> it names, or a non-root service's own); null when each caller gets a uid of its own.</param>
/// <param name="Group">The gid its <c>Group</c> names, for a caller's own uid; null for that uid's own group.</param>
/// <param name="WorkingDirectory">Where runs start; null for the run user's home.</param>
/// <param name="Limits">Caps on what a run's cgroup may hold.</param>
/// <param name="Profile">hoop.dev's type, subtype and tags, copied onto each session.</param>
public sealed record Connection(
    string Name,
    ImmutableArray<string> Command,
    ImmutableDictionary<string, string> Inherited,
    ImmutableDictionary<string, string> Env,
    TimeSpan Timeout,
    bool Review,
    RunUsers.RunUser? SharedUser,
    uint? Group,
    string? WorkingDirectory,
    RunLimits Limits,
    HoopOrleans.Sessions.ConnectionProfile Profile)
{
    /// <summary>The connection's argv followed by the client's arguments, untouched.</summary>
    public string[] Argv(ImmutableArray<string> clientArgs)
    {
        var argv = new string[Command.Length + clientArgs.Length];
        Command.CopyTo(argv);
        clientArgs.CopyTo(argv, Command.Length);
        return argv;
    }

    /// <summary>What a run as <paramref name="user"/> is started with: its ids and limits, and its environment as NAME=value entries.</summary>
    public RunAs RunAs(RunUsers.RunUser user) => new(new RunSandbox(user.Identity, Limits), EnvironmentOf(user.Environment));

    /// <summary>The inherited variables, then the run user's HOME, USER and LOGNAME, then the connection's own Env.</summary>
    private ImmutableArray<string> EnvironmentOf(IReadOnlyDictionary<string, string> user)
    {
        var merged = new Dictionary<string, string>(Inherited, StringComparer.Ordinal);
        foreach (var (name, value) in user.Concat(Env))
        {
            merged[name] = value;
        }

        return [.. merged.Select(pair => $"{pair.Key}={pair.Value}")];
    }
}
