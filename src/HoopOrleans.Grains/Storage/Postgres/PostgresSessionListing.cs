using System.Text;
using HoopOrleans.Sessions;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Lists sessions straight from the <c>sessions</c> table. The page is one query that walks an
/// index in start order (<c>sessions_by_start</c>, or a filter's own) and stops one row past the
/// page, which says whether another page follows; the count, when asked for, runs in the same
/// round trip over the same condition, and a capped one stops reading at the cap.
/// </summary>
public sealed class PostgresSessionListing(NpgsqlDataSource dataSource) : ISessionListing
{
    /// <summary>The table is the catalog: the grain's own write already put the session there.</summary>
    public Task<SessionPage> ListAsync(SessionQuery query, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, () => ReadPageAsync(query, cancellationToken));

    private async Task<SessionPage> ReadPageAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var (where, parameters) = Condition(query);
        var page = new NpgsqlBatchCommand(PageSql(query, where));
        batch.BatchCommands.Add(page);
        var count = CountSql(query, where) is { } countSql ? new NpgsqlBatchCommand(countSql) : null;
        if (count is not null)
        {
            batch.BatchCommands.Add(count);
        }

        foreach (var parameter in parameters)
        {
            page.Parameters.Add(parameter.Clone());
            count?.Parameters.Add(parameter.Clone());
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<ListedSession>(query.Limit + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(PostgresSessionStorage.ReadListed(reader));
        }

        var hasNextPage = sessions.Count > query.Limit;
        if (hasNextPage)
        {
            sessions.RemoveAt(query.Limit);
        }

        long? total = null;
        if (count is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(0);
        }

        var capped = query.Count == SessionCount.Capped && total > SessionQuery.CountCap;
        return new SessionPage(sessions, capped ? SessionQuery.CountCap : total, capped, hasNextPage);
    }

    /// <summary>The page's query: it reads one row past the page, which says whether another follows.</summary>
    internal static string PageSql(SessionQuery query, string where) =>
        $"SELECT {PostgresSessionStorage.ListColumns} FROM sessions{where} ORDER BY start_date DESC, id DESC LIMIT {query.Limit + 1} OFFSET {query.Offset}";

    /// <summary>The count's query, as the query asks it to count; null when it does not.</summary>
    internal static string? CountSql(SessionQuery query, string where) => query.Count switch
    {
        SessionCount.Exact => $"SELECT count(*) FROM sessions{where}",
        SessionCount.Capped => $"SELECT count(*) FROM (SELECT FROM sessions{where} LIMIT {SessionQuery.CountCap + 1}) AS capped",
        _ => null,
    };

    /// <summary>The WHERE clause for the filters the query has, so the planner sees only real conditions.</summary>
    internal static (string Where, List<NpgsqlParameter> Parameters) Condition(SessionQuery query)
    {
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        void Add(string sql, string? value = null)
        {
            if (value is not null)
            {
                parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
            }

            conditions.Add(sql.Replace("@", "$" + parameters.Count));
        }

        // SessionScope.Contains, in SQL: the owner's sessions, and with reviews every session that
        // asks for one, on the reviewer's connections when its key names them. Connections match
        // exactly, as a key's scope does when it runs (not in lower case like the filter).
        if (query.Scope.Owner is { } owner)
        {
            if (!query.Scope.WithReviews)
            {
                Add("\"user\" = @", owner);
            }
            else if (query.Scope.ReviewConnections is not { } reviewed)
            {
                Add("(\"user\" = @ OR has_review)", owner);
            }
            else
            {
                parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
                parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. reviewed] });
                conditions.Add($"(\"user\" = ${parameters.Count - 1} OR (has_review AND connection = ANY(${parameters.Count})))");
            }
        }

        // Names are compared in lower case on both sides, which the indexes of migration 0007 are built on.
        if (query.User is { } user)
        {
            Add("lower(\"user\") = lower(@)", user);
        }

        if (query.Connection is { } connection)
        {
            Add("lower(connection) = lower(@)", connection);
        }

        if (query.Type is { } type)
        {
            Add("lower(type) = lower(@)", type);
        }

        if (query.Status is { } status)
        {
            Add("status = @", status.WireName());
        }

        if (query.ReviewStatus is { } reviewStatus)
        {
            if (reviewStatus.Length == 0)
            {
                Add("review_status IS NULL");
            }
            else
            {
                Add("review_status = @", reviewStatus);
            }
        }

        if (query.ReviewableBy is { } reviewer)
        {
            if (!reviewer.ReviewsAny)
            {
                Add("FALSE");
            }
            else if (reviewer.ReviewsOwn)
            {
                Add("has_review");
            }
            else
            {
                Add("has_review AND \"user\" <> @", reviewer.Name);
            }

            if (reviewer.ReviewsAny && reviewer.Connections is { } reviewed)
            {
                parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. reviewed] });
                conditions.Add("connection = ANY($" + parameters.Count + ")");
            }
        }

        if (query.StartedFrom is { } from)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
            conditions.Add("start_date >= $" + parameters.Count);
        }

        if (query.StartedBefore is { } before)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
            conditions.Add("start_date < $" + parameters.Count);
        }

        var where = new StringBuilder();
        for (var i = 0; i < conditions.Count; i++)
        {
            where.Append(i == 0 ? " WHERE " : " AND ").Append(conditions[i]);
        }

        return (where.ToString(), parameters);
    }
}
