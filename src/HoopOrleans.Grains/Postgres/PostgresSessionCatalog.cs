using System.Text;
using HoopOrleans.Catalog;
using HoopOrleans.Sessions;
using Npgsql;

namespace HoopOrleans.Postgres;

/// <summary>
/// Lists sessions straight from the <c>sessions</c> table. The page is one query that walks an
/// index in start order (<c>sessions_by_start</c>, or the connection or status one when filtered)
/// and stops after limit + offset rows; the total is a count over the same condition, answered
/// from the same index.
/// </summary>
public sealed class PostgresSessionCatalog(NpgsqlDataSource dataSource) : ISessionCatalog
{
    /// <summary>The table is the catalog: the grain's own write already put the session there.</summary>
    public Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, () => ReadPageAsync(query, cancellationToken));

    private async Task<SessionPage> ReadPageAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var (where, parameters) = Condition(query);
        var page = new NpgsqlBatchCommand(
            $"SELECT {PostgresSessionStorage.ListColumns} FROM sessions{where} ORDER BY start_date DESC, id DESC LIMIT {query.Limit} OFFSET {query.Offset}");
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM sessions{where}");
        foreach (var parameter in parameters)
        {
            page.Parameters.Add(parameter.Clone());
            count.Parameters.Add(parameter.Clone());
        }

        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<SessionRecord>(query.Limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(PostgresSessionStorage.ReadListed(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        return new SessionPage(sessions, total, query.Offset + sessions.Count < total);
    }

    /// <summary>The WHERE clause for the filters the query has, so the planner sees only real conditions.</summary>
    internal static (string Where, List<NpgsqlParameter> Parameters) Condition(SessionQuery query)
    {
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        void Add(string sql, NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            conditions.Add(sql.Replace("@", "$" + parameters.Count));
        }

        if (query.User is { } user)
        {
            Add("\"user\" = @", new NpgsqlParameter<string> { TypedValue = user });
        }

        if (query.Connection is { } connection)
        {
            Add("connection = @", new NpgsqlParameter<string> { TypedValue = connection });
        }

        if (query.Status is { } status)
        {
            Add("status = @", new NpgsqlParameter<string> { TypedValue = status.ApiName() });
        }

        if (query.StartedFrom is { } from)
        {
            Add("start_date >= @", new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        }

        if (query.StartedBefore is { } before)
        {
            Add("start_date < @", new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        }

        var where = new StringBuilder();
        for (var i = 0; i < conditions.Count; i++)
        {
            where.Append(i == 0 ? " WHERE " : " AND ").Append(conditions[i]);
        }

        return (where.ToString(), parameters);
    }
}
