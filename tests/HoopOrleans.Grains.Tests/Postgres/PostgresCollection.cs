namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>The test classes that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
