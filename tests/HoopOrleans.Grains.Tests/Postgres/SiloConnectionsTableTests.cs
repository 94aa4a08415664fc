using System.Net;
using HoopOrleans.Connections;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// <c>silo_connections</c> on a real PostgreSQL: a silo's advert and refresh, read back joined to
/// the membership table, so that a silo counts as a host exactly while membership holds it active.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloConnectionsTableTests(PostgresServer server)
{
    private static readonly SiloAddress Active = SiloAddress.New(IPAddress.Loopback, 21111, 7);
    private static readonly SiloAddress Dead = SiloAddress.New(IPAddress.Loopback, 21112, 8);

    private static AdvertisedConnection Named(string name) => AdvertisedConnection.Of(name, new ConnectionOptions { Command = ["bash", "-s"] });

    [Fact]
    public async Task A_silos_advert_reads_back_live_while_membership_holds_it_active()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await MemberAsync(dataSource, "c1", Active, status: 3);
        await MemberAsync(dataSource, "c1", Dead, status: 6);

        await SiloConnectionsTable.WriteAsync(dataSource, "c1", Active, [Named("north"), Named("bash")], CancellationToken.None);
        await SiloConnectionsTable.WriteAsync(dataSource, "c1", Dead, [Named("south")], CancellationToken.None);
        await SiloConnectionsTable.WriteAsync(dataSource, "other", Dead, [Named("west")], CancellationToken.None);
        var refreshed = await SiloConnectionsTable.RefreshAsync(dataSource, "c1", Active, running: 3, draining: true, CancellationToken.None);
        var rows = await SiloConnectionsTable.ReadAsync(dataSource, "c1", CancellationToken.None);

        Assert.Equal(1, refreshed);
        var active = Assert.Single(rows, row => row.Host.Silo.Equals(Active));
        var dead = Assert.Single(rows, row => row.Host.Silo.Equals(Dead));
        Assert.Equal(2, rows.Count);
        Assert.True(active.Live);
        Assert.Equal((3, true), (active.Host.Running, active.Host.Draining));
        Assert.Equal(["north", "bash"], active.Connections.Select(connection => connection.Name));
        Assert.Equal(["bash", "-s"], active.Connections[0].Command);
        Assert.False(dead.Live);
        Assert.Equal(0, await SiloConnectionsTable.RefreshAsync(dataSource, "c1", SiloAddress.New(IPAddress.Loopback, 21113, 9), 0, false, CancellationToken.None));
    }

    /// <summary>A membership row as Orleans' provider writes it, with <paramref name="status"/> (3 active, 6 dead).</summary>
    private static async Task MemberAsync(NpgsqlDataSource dataSource, string cluster, SiloAddress silo, int status)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO orleans_membership_version (deployment_id) VALUES ($1) ON CONFLICT DO NOTHING")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = cluster } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time) "
            + "VALUES ($1, $2, $3, $4, 's', 'h', $5, 0, now(), now())")
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = cluster },
                new NpgsqlParameter<string> { TypedValue = silo.Endpoint.Address.ToString() },
                new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port },
                new NpgsqlParameter<int> { TypedValue = silo.Generation },
                new NpgsqlParameter<int> { TypedValue = status },
            },
        });
        await batch.ExecuteNonQueryAsync();
    }
}
