using System.Text.Json;
using System.Text.RegularExpressions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// How PostgreSQL answers a listing on a table of 100,000 sessions: every selective filter walks
/// an index rather than the table, and a capped count stops reading at the cap. Asserted on the
/// plans and on the rows the executor reports, never on time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionListingPlanTests(PostgresServer server) : IAsyncLifetime
{
    private const int Rows = 100_000;

    /// <summary>The user of the first 20,000 rows: more than a capped count reads.</summary>
    private const string BulkUser = "bulk";

    private NpgsqlDataSource _dataSource = null!;

    /// <summary>
    /// 100,000 sessions, one a second back from now: 20,000 by <see cref="BulkUser"/>, the rest by
    /// a thousand users (u0..u999); fifty connections (c0..c49); one in a hundred running, and one in
    /// a hundred with a review, pending, approved or rejected in turn; one in five hundred on a
    /// <c>database</c> connection, the rest <c>custom</c>.
    /// </summary>
    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await ExecuteAsync($$"""
            INSERT INTO sessions (id, version, connection, "user", start_date, script, client_args, metadata, labels,
                                  status, output_status, exit_code, output, truncated, execution_time_ms, has_review, review_status, type)
            SELECT gen_random_uuid(), 1, 'c' || (n % 50), CASE WHEN n <= 20000 THEN '{{BulkUser}}' ELSE 'u' || (n % 1000) END,
                   now() - n * interval '1 second', '', '{}', '{}', '{}',
                   CASE WHEN n % 100 = 0 THEN 'running' WHEN n % 300 = 1 THEN 'open' ELSE 'done' END,
                   CASE WHEN n % 100 = 0 OR n % 300 = 1 THEN 'running' ELSE 'success' END,
                   0, '', false, 1, n % 100 = 1,
                   CASE n % 300 WHEN 1 THEN 'PENDING' WHEN 101 THEN 'APPROVED' WHEN 201 THEN 'REJECTED' END,
                   CASE WHEN n % 500 = 0 THEN 'database' ELSE 'custom' END
            FROM generate_series(1, {{Rows}}) AS n
            """);
        await ExecuteAsync("ANALYZE sessions");
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    /// <summary>Each selective filter, with the index it should walk (null: any index).</summary>
    private static readonly (string Name, SessionQuery Query, string? Index)[] SelectiveFilters =
    [
        ("none", new SessionQuery(), null),
        ("connection", new SessionQuery { Connection = "C7" }, "sessions_by_connection"),
        ("status", new SessionQuery { Status = SessionStatus.Running, Limit = 100 }, "sessions_by_status"),
        ("time", new SessionQuery { StartedFrom = DateTimeOffset.UtcNow.AddHours(-1), StartedBefore = DateTimeOffset.UtcNow, Offset = 40 }, null),
        ("user", new SessionQuery { User = "U7" }, "sessions_by_user_name"),
        ("type", new SessionQuery { Type = "Database" }, "sessions_by_type"),
        ("owner", new SessionQuery { Scope = new SessionScope("u7", false) }, "sessions_by_user"),
        ("reviewer viewer", new SessionQuery { Scope = new SessionScope("u7", true) }, null),
        ("review status", new SessionQuery { ReviewStatus = SessionReview.Pending }, "sessions_by_review_status"),
        ("reviewable", new SessionQuery { ReviewableBy = new SessionReviewer("u7", ReviewsOwn: false) }, "sessions_with_review"),
        ("reviewable own", new SessionQuery { ReviewableBy = new SessionReviewer("u7", ReviewsOwn: true) }, "sessions_with_review"),
    ];

    [Fact]
    public async Task With_many_rows_every_filter_walks_an_index_for_the_page_and_the_counts()
    {
        foreach (var (name, query, index) in SelectiveFilters)
        {
            var (where, _) = PostgresSessionListing.Condition(query);
            var statements = new List<(string What, string Sql)> { ("page", PostgresSessionListing.PageSql(query, where)) };
            if (name != "none")
            {
                // Unfiltered, a capped count reads the table's first 10,001 rows, by whatever path (see below).
                statements.Add(("exact count", PostgresSessionListing.CountSql(query with { Count = SessionCount.Exact }, where)!));
                statements.Add(("capped count", PostgresSessionListing.CountSql(query with { Count = SessionCount.Capped }, where)!));
            }

            foreach (var (what, sql) in statements)
            {
                var plan = await PlanAsync(query, sql);
                Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"{name}, {what}: {plan}");
                Assert.True(Regex.IsMatch(plan, index is null ? "Index" : $@"\b{index}\b"), $"{name}, {what}: {plan}");
            }
        }
    }

    [Fact]
    public async Task A_capped_count_reads_at_most_one_row_past_the_cap()
    {
        // Unfiltered, and filtered by a user with 20,000 sessions, walked through the lower() index.
        foreach (var query in new[] { new SessionQuery(), new SessionQuery { User = BulkUser.ToUpperInvariant() } })
        {
            var (where, _) = PostgresSessionListing.Condition(query);

            var plan = await AnalyzeAsync(query, PostgresSessionListing.CountSql(query, where)!);
            var listed = await new PostgresSessionListing(_dataSource).ListAsync(query, CancellationToken.None);

            var scans = Nodes(plan).Where(node => node.GetProperty("Node Type").GetString()!.EndsWith("Scan", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(scans);
            Assert.All(scans, scan => Assert.InRange(RowsRead(scan), 1, SessionQuery.CountCap + 1));
            Assert.Equal(((long?)SessionQuery.CountCap, true), (listed.Total, listed.TotalIsCapped));
        }
    }

    /// <summary>The rows a scan node read: those it passed on and those its filter dropped.</summary>
    private static double RowsRead(JsonElement scan)
    {
        double Get(string name) => scan.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
        return Get("Actual Rows") * Math.Max(1, Get("Actual Loops")) + Get("Rows Removed by Filter") + Get("Rows Removed by Index Recheck");
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private async Task<string> PlanAsync(SessionQuery query, string sql) => string.Join('\n', await ExplainAsync(query, "EXPLAIN " + sql));

    private async Task<JsonElement> AnalyzeAsync(SessionQuery query, string sql)
    {
        var lines = await ExplainAsync(query, "EXPLAIN (ANALYZE, TIMING false, FORMAT JSON) " + sql);
        return JsonDocument.Parse(string.Concat(lines)).RootElement[0].GetProperty("Plan");
    }

    private async Task<List<string>> ExplainAsync(SessionQuery query, string sql)
    {
        var (_, parameters) = PostgresSessionListing.Condition(query);
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
