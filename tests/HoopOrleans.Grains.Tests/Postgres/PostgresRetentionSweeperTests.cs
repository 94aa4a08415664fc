using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Storage;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// How PostgreSQL's sweep deletes: in batches, by the finished sessions' index, several silos at
/// once without waiting on each other. Which sessions a sweep deletes is the conformance suite's
/// (Storage/Conformance), the same for every store.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRetentionSweeperTests(PostgresServer server) : IAsyncLifetime
{
    private const string StateName = "session";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);
    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;
    private PostgresSessionStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _storage = new PostgresSessionStorage(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private PostgresRetentionSweeper Sweeper(NpgsqlDataSource dataSource, TimeProvider? time = null) =>
        new(dataSource, Options.Create(new RetentionOptions { MaxAge = MaxAge }), time ?? new SettableClock(Now), NullLogger<PostgresRetentionSweeper>.Instance);

    private async Task<SessionRecord> StoreAsync(SessionStatus status, DateTimeOffset start, DateTimeOffset? end = null)
    {
        var session = new SessionRecord
        {
            Id = Guid.NewGuid().ToString(),
            Request = Requests.Bash("echo kept?"),
            Status = status,
            ExitCode = status == SessionStatus.Done ? 0 : null,
            StartDate = start,
            EndDate = end,
            HasReview = status == SessionStatus.Open,
            Review = status == SessionStatus.Open ? new SessionReview { Status = SessionReview.Pending } : null,
        };
        await _storage.WriteStateAsync(StateName, GrainId.Create("session", session.Id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
        return session;
    }

    private async Task<bool> ExistsAsync(string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await _storage.ReadStateAsync(StateName, GrainId.Create("session", id), state);
        return state.RecordExists;
    }

    /// <summary>Adds <paramref name="count"/> finished sessions that ended before the cut-off, the newest a minute before it.</summary>
    private async Task InsertAgedAsync(int count, string connection = "bulk")
    {
        await using var fill = _dataSource.CreateCommand("""
            INSERT INTO sessions (id, version, connection, "user", start_date, end_date, script, client_args, metadata, labels,
                                  status, output_status, exit_code, output, truncated, execution_time_ms, has_review)
            SELECT gen_random_uuid(), 1, $3, 'u', $1 - n * interval '1 second' - interval '1 hour', $1 - n * interval '1 second', '', '{}', '{}', '{}',
                   'done', 'success', 0, '', false, 1, false
            FROM generate_series(1, $2) AS n
            """);
        fill.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (Now - MaxAge - TimeSpan.FromMinutes(1)).UtcDateTime });
        fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        fill.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connection });
        await fill.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string condition = "true")
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM sessions WHERE {condition}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_goes_in_one_sweep()
    {
        var backlog = 2 * PostgresRetentionSweeper.BatchSize + 7;
        await InsertAgedAsync(backlog);
        var young = await StoreAsync(SessionStatus.Done, Now, Now);

        var deleted = await Sweeper(_dataSource).SweepAsync(CancellationToken.None);

        Assert.Equal(backlog, deleted);
        Assert.Equal(1, await CountAsync());
        Assert.True(await ExistsAsync(young.Id));
        Assert.Equal(0, await Sweeper(_dataSource).SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Silos_sweeping_at_once_share_the_work_and_neither_fails()
    {
        var backlog = 5 * PostgresRetentionSweeper.BatchSize + 3;
        await InsertAgedAsync(backlog);
        var running = await StoreAsync(SessionStatus.Running, Now - TimeSpan.FromDays(30));

        // Each silo has a data source of its own, so the sweeps hold connections of their own.
        var silos = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(_connectionString)).ToArray();
        try
        {
            var deleted = await Task.WhenAll(silos.Select(silo => Sweeper(silo).SweepAsync(CancellationToken.None)));

            Assert.Equal(backlog, deleted.Sum());
            Assert.Equal(1, await CountAsync());
            Assert.True(await ExistsAsync(running.Id));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_sweep_walks_the_finished_sessions_index_not_the_table()
    {
        await using (var fill = _dataSource.CreateCommand("""
            INSERT INTO sessions (id, version, connection, "user", start_date, end_date, script, client_args, metadata, labels,
                                  status, output_status, exit_code, output, truncated, execution_time_ms, has_review)
            SELECT gen_random_uuid(), 1, 'c', 'u', $1 - n * interval '1 second', CASE WHEN n % 100 = 0 THEN NULL ELSE $1 - n * interval '1 second' END,
                   '', '{}', '{}', '{}', CASE WHEN n % 100 = 0 THEN 'running' ELSE 'done' END, 'success', 0, '', false, 1, false
            FROM generate_series(1, 100000) AS n
            """))
        {
            fill.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Now.UtcDateTime });
            await fill.ExecuteNonQueryAsync();
        }

        await using (var analyze = _dataSource.CreateCommand("ANALYZE sessions"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var explain = _dataSource.CreateCommand("EXPLAIN " + PostgresRetentionSweeper.DeleteBatch);
        explain.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (Now - MaxAge).UtcDateTime });
        explain.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgresRetentionSweeper.BatchSize });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.Contains("sessions_pkey", text);
        Assert.Contains("sessions_done_by_end", text);
        Assert.DoesNotContain("Seq Scan", text);
    }
}
