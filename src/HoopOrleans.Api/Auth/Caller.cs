using System.Collections.Frozen;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Auth;

/// <summary>Who is calling: a configured key, or the anonymous caller of an open service.</summary>
internal sealed record Caller(string Name, FrozenSet<string> Roles, FrozenSet<string>? Connections)
{
    public const string AnonymousName = "anonymous";

    /// <summary>An open service's caller: every role, every connection.</summary>
    public static readonly Caller Anonymous = new(AnonymousName, Auth.Roles.All.ToFrozenSet(StringComparer.Ordinal), null);

    public bool Is(string role) => Roles.Contains(role);

    /// <summary>Admins and auditors see every session.</summary>
    public bool SeesAll => Is(Auth.Roles.Admin) || Is(Auth.Roles.Auditor);

    /// <summary>Whether the key may run on <paramref name="connection"/>; one it may not use answers like an unknown one.</summary>
    public bool MayUse(string connection) => Connections is null || Connections.Contains(connection);

    /// <summary>The caller as a session's grain sees them: it decides what they may see and do.</summary>
    /// <remarks>
    /// The anonymous caller of a keyless service may review its own sessions: it is the service's
    /// only caller, so a connection with <c>Review: true</c> would otherwise wait for ever. Keys
    /// with the <c>reviewer</c> role are how two people review each other's runs. The key's
    /// connections go with it: a reviewer sees and reviews only sessions on them, and an approved
    /// session's exec is checked against them when it runs, not when it was requested.
    /// </remarks>
    public SessionActor Actor => new(
        Name, Is(Auth.Roles.Admin), SeesAll, Is(Auth.Roles.Reviewer), ReviewsOwn: ReferenceEquals(this, Anonymous),
        Connections: Connections is null ? null : [.. Connections]);
}
