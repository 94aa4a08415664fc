using Orleans.Runtime.MembershipService;
using static HoopOrleans.Grains.Tests.Postgres.OrleansMembership;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// A migrated database of each test's own, and Orleans' membership table on it for a cluster of the
/// test's own, initialised as a starting silo does.
/// </summary>
public abstract class MembershipTestBase(PostgresServer server) : IAsyncLifetime
{
    protected string ClusterId { get; } = NewClusterId();

    protected string ConnectionString { get; private set; } = "";

    protected AdoNetClusteringTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await MigratedDatabaseAsync(server);
        Table = await TableAsync(ConnectionString, ClusterId);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
