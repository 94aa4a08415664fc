namespace HoopOrleans.Operations.Probes;

/// <summary>What a node is, for what its readiness asks of the cluster.</summary>
public enum NodeRole
{
    /// <summary>A node that hosts a silo (the embedded default, a silo host): ready once its silo is active.</summary>
    Silo,

    /// <summary>A front end that is a cluster client: ready once it reaches an active silo.</summary>
    ClusterClient,
}
