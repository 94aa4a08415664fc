using HoopOrleans.Grains.Tests.Postgres;
using HoopOrleans.Sessions;
using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// PostgreSQL as the conformance cases drive it: a migrated database of its own, written through
/// <see cref="PostgresSessionStorage"/>, listed by <see cref="PostgresSessionListing"/>, swept by
/// <see cref="PostgresRetentionSweeper"/>, its waiting reviews found by <see cref="PostgresWaitingReviews"/>,
/// its run uids kept by <see cref="PostgresRunUids"/>.
/// </summary>
/// <param name="sharedServer">
/// The server the PostgreSQL tests share, which is never stopped; null for a private server of the
/// store's own, which the outage cases stop and start while the shared one serves every other test.
/// </param>
public sealed class PostgresSessionStoreUnderTest(PostgresServer? sharedServer) : ISessionStoreUnderTest
{
    private PrivatePostgres? _privateServer;
    private NpgsqlDataSource? _dataSource;
    private PostgresSessionStorage? _storage;
    private PostgresSessionListing? _listing;
    private PostgresWaitingReviews? _waitingReviews;
    private PostgresRunUids? _runUids;

    public IGrainStorage Storage => _storage ?? throw NotStarted();

    public ISessionListing Listing => _listing ?? throw NotStarted();

    public IWaitingReviews WaitingReviews => _waitingReviews ?? throw NotStarted();

    public IRunUids RunUids => _runUids ?? throw NotStarted();

    public bool CanHaveOutage => true;

    private NpgsqlDataSource DataSource => _dataSource ?? throw NotStarted();

    private PrivatePostgres PrivateServer => _privateServer ?? throw new InvalidOperationException(
        "The shared server serves every other PostgreSQL test and is never stopped: stand the store up on a private server (no shared server) to stop it.");

    public async Task StartAsync()
    {
        if (sharedServer is null)
        {
            _privateServer = await PrivatePostgres.StartAsync();
        }

        _dataSource = NpgsqlDataSource.Create(sharedServer is null ? _privateServer!.ConnectionString : await sharedServer.CreateDatabaseAsync());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _storage = new PostgresSessionStorage(_dataSource);
        _listing = new PostgresSessionListing(_dataSource);
        _waitingReviews = new PostgresWaitingReviews(_dataSource);
        _runUids = new PostgresRunUids(_dataSource);
    }

    /// <summary>
    /// Writes <paramref name="session"/> through the storage, then copies its row under new ids in
    /// one statement: thousands of rows, each exactly as the storage wrote the first.
    /// </summary>
    public async Task AddManyAsync(SessionRecord session, int count)
    {
        await this.StoreAsync(session);
        await using var columns = DataSource.CreateCommand("""
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_name = 'sessions' AND column_name <> 'id'
            """);
        var list = (string)(await columns.ExecuteScalarAsync())!;
        await using var copy = DataSource.CreateCommand(
            $"INSERT INTO sessions (id, {list}) SELECT gen_random_uuid(), {list} FROM sessions, generate_series(2, $2) WHERE id = $1");
        copy.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(session.Id) });
        copy.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await copy.ExecuteNonQueryAsync();
    }

    public RetentionSweeper Sweeper(TimeSpan maxAge, TimeProvider time) =>
        new PostgresRetentionSweeper(DataSource, Options.Create(new RetentionOptions { MaxAge = maxAge }), time, NullLogger<PostgresRetentionSweeper>.Instance);

    /// <summary>Stops the private server the way an operator's restart does: open connections are ended.</summary>
    public Task StopBackingServiceAsync() => PrivateServer.StopAsync();

    public Task StartBackingServiceAsync() => PrivateServer.StartAgainAsync();

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_privateServer is not null)
        {
            await _privateServer.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The store is stood up by StartAsync.");
}
