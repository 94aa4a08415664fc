using HoopOrleans.Storage;
using HoopOrleans.Grains.Tests.Catalog;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// PostgreSQL as the shared catalog cases drive it: a migrated database of its own, written
/// through <see cref="PostgresSessionStorage"/> and listed by <see cref="PostgresSessionListing"/>.
/// </summary>
public sealed class PostgresCatalogUnderTest(PostgresServer server) : ICatalogUnderTest
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresSessionStorage _storage = null!;

    public ISessionListing Catalog { get; private set; } = null!;

    public async Task StartAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _storage = new PostgresSessionStorage(_dataSource);
        Catalog = new PostgresSessionListing(_dataSource);
    }

    public Task AddAsync(SessionRecord session) =>
        _storage.WriteStateAsync("session", GrainId.Create("session", session.Id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));

    /// <summary>
    /// Writes <paramref name="session"/> through the storage, then copies its row under new ids in
    /// one statement: thousands of rows, each exactly as the storage wrote the first.
    /// </summary>
    public async Task AddManyAsync(SessionRecord session, int count)
    {
        await AddAsync(session);
        await using var columns = _dataSource.CreateCommand("""
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_name = 'sessions' AND column_name <> 'id'
            """);
        var list = (string)(await columns.ExecuteScalarAsync())!;
        await using var copy = _dataSource.CreateCommand(
            $"INSERT INTO sessions (id, {list}) SELECT gen_random_uuid(), {list} FROM sessions, generate_series(2, $2) WHERE id = $1");
        copy.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(session.Id) });
        copy.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await copy.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
