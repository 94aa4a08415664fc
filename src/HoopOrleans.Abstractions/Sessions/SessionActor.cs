using System.Collections.Immutable;

namespace HoopOrleans.Sessions;

/// <summary>
/// Who acts on a session, as the front end authenticated them; the session's grain decides what
/// they may see and do, in the same call that acts.
/// </summary>
/// <param name="Name">The key's name (or <c>anonymous</c>), as sessions record their requester.</param>
/// <param name="IsAdmin">The key has the <c>admin</c> role: it may act on anyone's session.</param>
/// <param name="SeesAll">The key sees every session (<c>admin</c> or <c>auditor</c>).</param>
/// <param name="IsReviewer">
/// The key has the <c>reviewer</c> role: it sees, and may review, every session that asks for a
/// review on a connection in <paramref name="Connections"/>.
/// </param>
/// <param name="ReviewsOwn">
/// It may review the sessions it made: the keyless service's one caller, who would otherwise have
/// no one to approve its sessions. Every key is refused its own sessions' reviews.
/// </param>
/// <param name="Connections">
/// The connections the key may use (<c>Auth:Keys:&lt;name&gt;:Connections</c>); null for every
/// connection (<c>*</c>, and the keyless caller). A reviewer reviews only on these, and a requester
/// runs an approved session only while its key still may use the session's connection.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SessionActor(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsAdmin,
    [property: Id(2)] bool SeesAll = false,
    [property: Id(3)] bool IsReviewer = false,
    [property: Id(4)] bool ReviewsOwn = false,
    [property: Id(5)] ImmutableArray<string>? Connections = null)
{
    /// <summary>
    /// The service itself, reading a session for its own upkeep (settling a lost run): it sees
    /// every session and may change none. No API key can have this name.
    /// </summary>
    public static readonly SessionActor Service = new("(service)", IsAdmin: false, SeesAll: true);

    /// <summary>Whether the key may use <paramref name="connection"/>: named exactly as configured, or every connection.</summary>
    public bool MayUse(string connection) => Connections is not { } named || named.Contains(connection);
}
