namespace HoopOrleans.Hosting;

/// <summary>Orleans' dashboard; bound from <c>Orleans:Dashboard</c>.</summary>
public sealed class HoopDashboardOptions
{
    /// <summary>
    /// Every silo collects the dashboard's statistics and every front end serves it at
    /// <c>/dashboard</c>. Off by default: it shows every grain's state, sessions' scripts and output
    /// among them, so with keys it asks for an admin or auditor key.
    /// </summary>
    public bool Enabled { get; set; }
}
