namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>Review expiry on PostgreSQL, both silos sweeping one database.</summary>
public sealed class PostgresReviewExpiryTests(PostgresReviewExpiryCluster cluster) : ReviewExpiryTests(cluster), IClassFixture<PostgresReviewExpiryCluster>;
