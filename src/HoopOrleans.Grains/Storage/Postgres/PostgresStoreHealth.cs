using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>PostgreSQL answers a statement on a pooled connection, as every store call takes one.</summary>
public sealed class PostgresStoreHealth(NpgsqlDataSource dataSource) : ISessionStoreHealth
{
    public Task CheckAsync(CancellationToken cancellationToken) => PostgresStoreCall.RunAsync(dataSource, async () =>
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    });
}
