namespace HoopOrleans.Sessions;

/// <summary>Limits shared by the front end and the grains.</summary>
public static class SessionLimits
{
    /// <summary>
    /// The longest one grain call waits for a run; longer waits are made of several calls. Short,
    /// so that every call can time out after <see cref="CallTimeout"/>.
    /// </summary>
    public static readonly TimeSpan MaxCallWait = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// How long any grain call may take, on clients and silos alike. A call that was on its way to
    /// a silo, or waiting in one, when that silo died gets no answer and no error: the gateway that
    /// forwarded it does not track it, and only this timeout ends it. So it bounds how long a
    /// request for a session on a dead silo can hang; past it the caller answers 503 and the
    /// client's next try finds the session's new activation. Three seconds keeps that hang, plus the
    /// client's retry, inside the 5 s a dead silo's sessions have to answer, with room for a busy node.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);
}
