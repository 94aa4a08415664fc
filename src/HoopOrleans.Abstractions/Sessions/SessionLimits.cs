namespace HoopOrleans.Sessions;

/// <summary>Limits shared by the front end and the grains.</summary>
public static class SessionLimits
{
    /// <summary>
    /// The longest one grain call waits for a run. Grain calls time out after 30 s, so longer waits
    /// are made of several calls.
    /// </summary>
    public static readonly TimeSpan MaxCallWait = TimeSpan.FromSeconds(20);
}
