namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>Review expiry on the embedded default's in-memory store.</summary>
public sealed class InMemoryReviewExpiryTests(InMemoryReviewExpiryCluster cluster) : ReviewExpiryTests(cluster), IClassFixture<InMemoryReviewExpiryCluster>;
