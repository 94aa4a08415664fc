using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// The sessions waiting for review, from the <c>sessions</c> table. A session waits exactly while
/// its status is <c>open</c>, and its review is then <c>PENDING</c>: naming both lets the query
/// walk <c>sessions_by_review_status</c> (migration 0007, review status then start date) from the
/// oldest request on and stop at the cut-off or the limit, so no schema change is needed.
/// </summary>
public sealed class PostgresWaitingReviews(NpgsqlDataSource dataSource) : IWaitingReviews
{
    internal const string Query = """
        SELECT id FROM sessions
        WHERE review_status = 'PENDING' AND status = 'open' AND start_date < $1
        ORDER BY start_date
        LIMIT $2
        """;

    public Task<IReadOnlyList<string>> RequestedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync<IReadOnlyList<string>>(dataSource, async () =>
        {
            await using var command = dataSource.CreateCommand(Query);

            // A UTC DateTime: Npgsql writes timestamptz only from UTC values.
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoff.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var ids = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Session ids are lowercase UUIDs, as Guid prints them: the grain's key.
                ids.Add(reader.GetGuid(0).ToString());
            }

            return ids;
        });
}
