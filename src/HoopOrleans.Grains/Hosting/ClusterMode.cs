namespace HoopOrleans.Hosting;

/// <summary>Where the cluster keeps its membership and its sessions.</summary>
public enum ClusterMode
{
    /// <summary>One silo on localhost, sessions in memory: nothing to set up, nothing durable.</summary>
    Embedded,

    /// <summary>Membership and sessions in PostgreSQL (<c>ConnectionStrings:Postgres</c>): many silos and front ends, durable.</summary>
    Postgres,
}
