using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>Who acts on sessions in these tests, as the front end would name them to the grain.</summary>
public static class Actors
{
    /// <summary>The requester of <see cref="Requests.Bash"/>'s sessions.</summary>
    public static readonly SessionActor Requester = new("tests", IsAdmin: false);

    /// <summary>A reviewer: sees every session that asks for a review.</summary>
    public static readonly SessionActor Reviewer = new("reviewer", IsAdmin: false, IsReviewer: true);

    /// <summary>A key that sees every session (an auditor) and may change none of them.</summary>
    public static readonly SessionActor Auditor = new("auditor", IsAdmin: false, SeesAll: true);
}
