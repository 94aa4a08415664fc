using System.Net;
using System.Text.Json;
using HoopOrleans.Storage.Postgres;
using Npgsql;

namespace HoopOrleans.Connections;

/// <summary>The statements on <c>silo_connections</c> (migration 0009): a silo's advert, its refresh, and every node's read.</summary>
internal static class SiloConnectionsTable
{
    /// <summary>SiloStatus.Active in the membership table.</summary>
    private const int ActiveStatus = 3;

    /// <summary>How long a dead silo's connections stay known (offline) after its last refresh.</summary>
    private static readonly TimeSpan KeepDeadRows = TimeSpan.FromDays(1);

    /// <summary>Every silo's row of the cluster, newest refresh first, each marked live when the membership holds its silo active.</summary>
    public static Task<List<SiloAdvert>> ReadAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, async () =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT c.address, c.port, c.generation, c.connections::text, c.running, c.draining, coalesce(m.status, 0) = $2 "
                + "FROM silo_connections AS c LEFT JOIN orleans_membership AS m ON m.deployment_id = c.cluster_id "
                + "AND m.address = c.address AND m.port = c.port AND m.generation = c.generation "
                + "WHERE c.cluster_id = $1 ORDER BY c.refreshed_at DESC");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ActiveStatus });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<SiloAdvert>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var silo = SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2));
                var connections = JsonSerializer.Deserialize(reader.GetString(3), ConnectionAdvertJson.Default.AdvertisedConnectionArray) ?? [];
                rows.Add(new SiloAdvert(new ConnectionHost(silo, reader.GetInt32(4), reader.GetBoolean(5)), connections, reader.GetBoolean(6)));
            }

            return rows;
        });

    /// <summary>Writes this silo's advert (before it joins), and removes the rows of silos dead for a day.</summary>
    public static Task WriteAsync(NpgsqlDataSource dataSource, string clusterId, SiloAddress silo, AdvertisedConnection[] connections, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, async () =>
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM silo_connections WHERE refreshed_at < now() - $1")
            {
                Parameters = { new NpgsqlParameter<TimeSpan> { TypedValue = KeepDeadRows } },
            });
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO silo_connections (cluster_id, address, port, generation, connections) VALUES ($1, $2, $3, $4, $5::jsonb) "
                + "ON CONFLICT (cluster_id, address, port, generation) DO UPDATE SET connections = excluded.connections, refreshed_at = now()");
            AddSilo(insert.Parameters, clusterId, silo);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(connections, ConnectionAdvertJson.Default.AdvertisedConnectionArray) });
            batch.BatchCommands.Add(insert);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        });

    /// <summary>This silo's load and drain, every second while it runs.</summary>
    public static Task<int> RefreshAsync(NpgsqlDataSource dataSource, string clusterId, SiloAddress silo, int running, bool draining, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, async () =>
        {
            await using var command = dataSource.CreateCommand(
                "UPDATE silo_connections SET running = $5, draining = $6, refreshed_at = now() "
                + "WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4");
            AddSilo(command.Parameters, clusterId, silo);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = running });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = draining });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private static void AddSilo(NpgsqlParameterCollection parameters, string clusterId, SiloAddress silo)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Endpoint.Address.ToString() });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
    }
}
