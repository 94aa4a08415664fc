namespace HoopOrleans.Cluster.Tests;

/// <summary>The test classes that share one <see cref="LocalCluster"/>, one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
