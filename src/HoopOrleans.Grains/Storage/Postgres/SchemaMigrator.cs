using Microsoft.Extensions.Logging;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Brings the database schema up to date: each migration not yet recorded in
/// <c>schema_migrations</c> runs once, in order. Safe to run from every node at once: the whole
/// upgrade holds one advisory lock and one transaction, so a second runner waits and then finds
/// nothing left to do.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long LockKey = 0x486f_6f70_4f72_6c6e; // "HoopOrln"

    /// <summary>Applies the pending migrations and returns how many there were.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(Migration.All, cancellationToken);

    /// <summary>
    /// Applies the pending ones of <paramref name="known"/>, as a build that knew only those would:
    /// tests use it to stand up the schema an earlier release left behind.
    /// </summary>
    internal async Task<int> MigrateAsync(IReadOnlyList<Migration> known, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var pending = known.Where(migration => !applied.Contains(migration.Version)).ToList();
        foreach (var migration in pending)
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            Applied(logger, migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Applied schema migration {Version} ({Name})")]
    private static partial void Applied(ILogger logger, int version, string name);
}
