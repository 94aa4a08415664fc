using System.Reflection;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime.MembershipService;
using static HoopOrleans.Grains.Tests.Postgres.OrleansMembership;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// The membership queries migration (0006) on a fresh database and on one an earlier release left
/// at 0005 with a cluster running on it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipMigrationTests(PostgresServer server)
{
    private const int MembershipQueriesVersion = 6;

    /// <summary>The per-row cleanup query: optional to the provider, which uses it when present.</summary>
    private const string OptionalCleanupKey = "CleanupDefunctSiloEntryKey";

    [Fact]
    public async Task A_fresh_database_has_every_query_the_provider_reads()
    {
        var connectionString = await MigratedDatabaseAsync(server);

        var keys = await QueryKeysAsync(connectionString);

        Assert.Equal([.. RequiredQueryKeys().Append(OptionalCleanupKey).Order(StringComparer.Ordinal)], keys);
        await TableAsync(connectionString, NewClusterId());
        await GatewaysAsync(connectionString, NewClusterId());
    }

    [Fact]
    public async Task A_database_left_at_0005_upgrades_and_keeps_its_members()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        var earlier = Migration.All.Where(migration => migration.Version < MembershipQueriesVersion).ToList();
        Assert.Equal(earlier.Count, await migrator.MigrateAsync(earlier));
        Assert.DoesNotContain(OptionalCleanupKey, await QueryKeysAsync(connectionString));
        var clusterId = NewClusterId();
        var running = await TableAsync(connectionString, clusterId);
        await running.AddAsync(Silo(11101, SiloStatus.Active, Epoch, Epoch.AddSeconds(10), proxyPort: 30001));
        await running.AddAsync(Silo(11102, SiloStatus.Dead, Epoch, Epoch.AddSeconds(10)));

        Assert.Equal(Migration.All.Count - earlier.Count, await migrator.MigrateAsync());

        Assert.Contains(OptionalCleanupKey, await QueryKeysAsync(connectionString));
        var upgraded = await TableAsync(connectionString, clusterId);
        var read = await upgraded.ReadAllAsync();
        Assert.Equal(2, read.Members.Count);
        Assert.Equal(2, read.Version.Version);
        var live = await upgraded.RowAsync(Address(11101));
        live.IAmAliveTime = Epoch.AddSeconds(5);
        await upgraded.UpdateIAmAliveAsync(live);
        Assert.Equal(Epoch.AddSeconds(10), (await upgraded.RowAsync(Address(11101))).IAmAliveTime);
        await upgraded.CleanupDefunctSiloEntriesAsync(Epoch.AddHours(1));
        Assert.Equal(Address(11101), Assert.Single((await upgraded.ReadAllAsync()).Members).Item1.SiloAddress);
    }

    /// <summary>
    /// The keys the provider refuses to start without, read from the provider itself: its stored
    /// query catalogue has one property a key, and it checks every one of them at start-up.
    /// </summary>
    private static IEnumerable<string> RequiredQueryKeys()
    {
        var catalogue = typeof(AdoNetClusteringTable).Assembly.GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!;
        var keys = catalogue.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(property => property.Name).ToList();
        Assert.NotEmpty(keys);
        return keys;
    }

    private static async Task<string[]> QueryKeysAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }
}
