namespace HoopOrleans.Sessions;

/// <summary>Where a session is in its life.</summary>
[GenerateSerializer]
public enum SessionStatus
{
    /// <summary>Waiting for a review.</summary>
    Open = 0,

    /// <summary>Approved and waiting to be run.</summary>
    Ready = 1,

    /// <summary>Its process runs.</summary>
    Running = 2,

    /// <summary>Finished, one way or another; the record no longer changes.</summary>
    Done = 3,
}
