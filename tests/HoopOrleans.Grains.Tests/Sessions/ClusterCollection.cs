namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>The grain tests that share one <see cref="ClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
