namespace HoopOrleans.Sessions;

/// <summary>Limits shared by the front end and the grains.</summary>
public static class SessionLimits
{
    /// <summary>
    /// The longest one grain call waits for a run; longer waits are made of several calls. Short,
    /// so that calls can time out after <see cref="CallTimeout"/>: a call lost with a dying silo
    /// then fails within seconds instead of the default 30.
    /// </summary>
    public static readonly TimeSpan MaxCallWait = TimeSpan.FromSeconds(5);

    /// <summary>How long any grain call may take, on clients and silos alike.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
}
