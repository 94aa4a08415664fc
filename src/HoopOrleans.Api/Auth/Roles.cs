namespace HoopOrleans.Api.Auth;

/// <summary>What a key may do.</summary>
internal static class Roles
{
    /// <summary>Everything, on every session.</summary>
    public const string Admin = "admin";

    /// <summary>Runs scripts and sees, streams and kills its own sessions.</summary>
    public const string User = "user";

    /// <summary>Approves or rejects other keys' sessions, and reads the sessions that need a review.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Reads every session; runs and kills nothing.</summary>
    public const string Auditor = "auditor";

    public static readonly string[] All = [Admin, User, Reviewer, Auditor];

    /// <summary>Authorization policy: may start runs and kill them.</summary>
    public const string RunPolicy = "run";

    /// <summary>Authorization policy: may review sessions.</summary>
    public const string ReviewPolicy = "review";

    /// <summary>Authorization policy: may open the dashboard, with a key or its cookie: admins and auditors.</summary>
    public const string DashboardPolicy = "dashboard";

    /// <summary>Authorization policy: may read the node's metrics (admins and auditors, who already see every session).</summary>
    public const string ObservePolicy = "observe";
}
