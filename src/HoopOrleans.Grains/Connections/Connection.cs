using System.Collections.Immutable;

namespace HoopOrleans.Connections;

/// <summary>A configured connection, ready to start runs with.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Command">The argv that client arguments are appended to.</param>
/// <param name="Environment">The process environment as NAME=value entries, computed once.</param>
/// <param name="Timeout">The longest a run may take.</param>
/// <param name="Review">Runs need an approval first.</param>
/// <param name="Sandbox">The user runs start as and their limits.</param>
/// <param name="Profile">hoop.dev's type, subtype and tags, copied onto each session.</param>
public sealed record Connection(
    string Name,
    ImmutableArray<string> Command,
    ImmutableArray<string> Environment,
    TimeSpan Timeout,
    bool Review,
    HoopOrleans.Processes.RunSandbox Sandbox,
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
}
