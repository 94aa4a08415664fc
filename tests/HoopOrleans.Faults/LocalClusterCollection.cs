using HoopOrleans.Testing.Cluster;

namespace HoopOrleans.Faults;

/// <summary>
/// The scenarios that share one <see cref="LocalCluster"/>, one after the other. xunit finds a
/// collection's definition only in the test assembly itself, so each assembly that shares a cluster
/// defines its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
