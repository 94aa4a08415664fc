using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Deletes finished sessions past <c>Retention:MaxAge</c> from the <c>sessions</c> table, a batch
/// per statement, until a batch comes back short. Every silo runs it; they never wait on each
/// other nor delete a row twice, since each batch locks its rows with <c>SKIP LOCKED</c> and so
/// passes over the rows another silo's batch holds.
/// </summary>
public sealed class PostgresRetentionSweeper(
    NpgsqlDataSource dataSource,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<PostgresRetentionSweeper> logger) : RetentionSweeper(options, time, logger)
{
    /// <summary>
    /// Rows per statement: each statement is a transaction of its own, so a batch this size holds
    /// its locks and its share of the WAL for milliseconds, while a backlog of millions still goes
    /// in a few thousand statements.
    /// </summary>
    internal const int BatchSize = 1000;

    /// <summary>
    /// The inner query walks <c>sessions_done_by_end</c> (migration 0004) from the oldest end on and
    /// stops after a batch; only done rows are in that index, so nothing else can be deleted. The
    /// ids come back as one array so the delete finds each row through the primary key: written
    /// as <c>id IN (subquery)</c>, PostgreSQL plans a hash join over a scan of the whole table.
    /// </summary>
    internal const string DeleteBatch = """
        DELETE FROM sessions
        WHERE id = ANY (ARRAY(SELECT id FROM sessions
                              WHERE status = 'done' AND end_date < $1
                              ORDER BY end_date
                              LIMIT $2
                              FOR UPDATE SKIP LOCKED))
        """;

    protected override async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // A UTC DateTime: Npgsql writes timestamptz only from UTC values, and the clock's offset is not ours to trust.
        var before = cutoff.UtcDateTime;
        var deleted = 0;
        while (true)
        {
            // As every other call on the store: a connection a restart ended is replaced, and a
            // server that is down answers SessionStoreUnavailableException, not the driver's own.
            // A batch tried again deletes only what is still there, so nothing is deleted twice;
            // at worst the count, which is only logged, misses a batch whose answer was lost.
            var batch = await PostgresStoreCall.RunAsync(dataSource, async () =>
            {
                await using var command = dataSource.CreateCommand(DeleteBatch);
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = before });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
                return await command.ExecuteNonQueryAsync(cancellationToken);
            });
            deleted += batch;

            // Short: nothing past the age was left that another silo's batch did not hold.
            if (batch < BatchSize)
            {
                return deleted;
            }
        }
    }
}
