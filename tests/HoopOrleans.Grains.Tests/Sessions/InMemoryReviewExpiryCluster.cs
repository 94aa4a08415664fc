namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>The review expiry cluster over the embedded default's in-memory store, shared by its two silos.</summary>
public sealed class InMemoryReviewExpiryCluster : ReviewExpiryCluster
{
    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() => Task.FromResult(InMemorySettings());
}
