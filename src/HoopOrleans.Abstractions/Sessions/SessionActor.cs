namespace HoopOrleans.Sessions;

/// <summary>Who acts on a session, as the front end authenticated them; the grain decides what they may do.</summary>
/// <param name="Name">The key's name (or <c>anonymous</c>), as sessions record their requester.</param>
/// <param name="IsAdmin">The key has the <c>admin</c> role: it may act on anyone's session.</param>
[GenerateSerializer, Immutable]
public sealed record SessionActor(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsAdmin);
