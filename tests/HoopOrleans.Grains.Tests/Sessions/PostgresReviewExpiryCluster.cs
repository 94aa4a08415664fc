using HoopOrleans.Grains.Tests.Postgres;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>
/// The review expiry cluster over PostgreSQL: both silos store sessions in one database of its own
/// and both sweep it, as a cluster's silos do. The server is <c>HOOP_TEST_POSTGRES</c>'s, or a
/// private one (<see cref="PostgresServer"/>).
/// </summary>
public sealed class PostgresReviewExpiryCluster : ReviewExpiryCluster
{
    private readonly PostgresServer _server = new();

    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync()
    {
        await _server.InitializeAsync();
        return new() { ["ConnectionStrings:Postgres"] = await _server.CreateDatabaseAsync() };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}
