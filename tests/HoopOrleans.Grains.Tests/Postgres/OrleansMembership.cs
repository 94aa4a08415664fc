using HoopOrleans.Hosting;
using System.Net;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// Orleans' own ADO.NET membership table and gateway list over our schema, configured as the silo
/// host and the front end configure them (invariant "Npgsql", a connection string), so the tests
/// drive each membership query the way a running cluster does. Each test names a cluster of its own.
/// </summary>
internal static class OrleansMembership
{
    /// <summary>A fixed instant the tests' times are counted from; PostgreSQL keeps microseconds, so these round-trip exactly.</summary>
    public static readonly DateTime Epoch = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    public static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    /// <summary>A database of its own with every migration applied.</summary>
    public static async Task<string> MigratedDatabaseAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return connectionString;
    }

    /// <summary>The silo's membership table, initialised as a starting silo does (creating the version row if missing).</summary>
    public static async Task<AdoNetClusteringTable> TableAsync(string connectionString, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            NoServices,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "hoop-orleans" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = HoopClusterConfiguration.PostgresInvariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    /// <summary>The front end's gateway list.</summary>
    public static async Task<AdoNetGatewayListProvider> GatewaysAsync(string connectionString, string clusterId)
    {
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            NoServices,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = HoopClusterConfiguration.PostgresInvariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "hoop-orleans" }));
        await gateways.InitializeGatewayListProviderAsync();
        return gateways;
    }

    /// <summary>A silo on this host: its port (or proxy port) and generation.</summary>
    public static SiloAddress Address(int port, int generation = 1) => SiloAddress.New(IPAddress.Loopback, port, generation);

    /// <summary>A silo's row: started at <paramref name="started"/>, last alive then unless <paramref name="alive"/> says later.</summary>
    public static MembershipEntry Silo(int port, SiloStatus status, DateTime started, DateTime? alive = null, int proxyPort = 0) => new()
    {
        SiloAddress = Address(port),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = proxyPort,
        StartTime = started,
        IAmAliveTime = alive ?? started,
    };

    /// <summary>The entry with one suspicion vote against it, cast by another silo at <paramref name="at"/>.</summary>
    public static MembershipEntry VotedAgainstAt(this MembershipEntry entry, DateTime at)
    {
        entry.SuspectTimes = [Tuple.Create(Address(11999), at)];
        return entry;
    }

    /// <summary>Inserts the row at the table's current version, then writes its suspicion votes (an insert carries none).</summary>
    public static async Task AddAsync(this AdoNetClusteringTable table, MembershipEntry entry)
    {
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        if (entry.SuspectTimes is not null)
        {
            var version = (await table.ReadAllAsync()).Version;
            Assert.True(await table.UpdateRowAsync(entry, version.VersionEtag, version.Next()));
        }
    }

    /// <summary>The one row for <paramref name="silo"/>, as the table reads it now.</summary>
    public static async Task<MembershipEntry> RowAsync(this AdoNetClusteringTable table, SiloAddress silo) =>
        Assert.Single((await table.ReadRowAsync(silo)).Members).Item1;

    /// <summary>Runs one stored statement as the provider does and returns the rows it changed.</summary>
    public static Task<int> ExecuteStoredQueryAsync(string connectionString, string key, params (string Name, object? Value)[] parameters) =>
        WithStoredQueryAsync(connectionString, key, parameters, command => command.ExecuteNonQueryAsync());

    /// <summary>Runs one stored query as the provider does and returns its single value.</summary>
    public static Task<object?> ReadStoredQueryAsync(string connectionString, string key, params (string Name, object? Value)[] parameters) =>
        WithStoredQueryAsync(connectionString, key, parameters, command => command.ExecuteScalarAsync());

    /// <summary>The statement's text comes from OrleansQuery and its parameters carry Orleans' names.</summary>
    private static async Task<T> WithStoredQueryAsync<T>(string connectionString, string key, (string Name, object? Value)[] parameters, Func<NpgsqlCommand, Task<T>> run)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var text = dataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1");
        text.Parameters.Add(new NpgsqlParameter { Value = key });
        var queryText = (string?)await text.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No stored query {key}");

        await using var command = dataSource.CreateCommand(queryText);
        foreach (var (name, value) in parameters)
        {
            // Orleans' one nullable parameter, SuspectTimes, is bound as a string.
            command.Parameters.Add(value is null ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value } : new NpgsqlParameter(name, value));
        }

        return await run(command);
    }
}
