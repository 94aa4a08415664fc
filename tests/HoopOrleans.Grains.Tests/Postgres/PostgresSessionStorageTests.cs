using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// What only PostgreSQL's storage does: the read it skips for a new session, and the columns a
/// session is kept in. The contract every store keeps is the conformance suite's (Storage/Conformance).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStorageTests(PostgresServer server) : IAsyncLifetime
{
    private const string StateName = "session";
    private NpgsqlDataSource _dataSource = null!;
    private PostgresSessionStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _storage = new PostgresSessionStorage(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private static GrainId GrainIdOf(string id) => GrainId.Create("session", id);

    private static SessionRecord Running(string id) => new()
    {
        Id = id,
        Request = Requests.Bash("echo \"é $1\"", "a b", "`x`") with { MetadataJson = """{"ticket": "OPS-1", "n": [1, 2]}""", LabelsJson = """{"team": "sre"}""" },
        Status = SessionStatus.Running,
        StartDate = new DateTimeOffset(2026, 11, 29, 6, 0, 0, 123, TimeSpan.Zero),
        Silo = "127.0.0.1:11111@1",
    };

    private async Task<GrainState<SessionGrainState>> ReadAsync(string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await _storage.ReadStateAsync(StateName, GrainIdOf(id), state);
        return state;
    }

    [Fact]
    public async Task A_read_for_a_new_session_does_not_query_and_a_row_already_there_still_refuses_the_insert()
    {
        var id = Guid.NewGuid().ToString();
        await _storage.WriteStateAsync(StateName, GrainIdOf(id), new GrainState<SessionGrainState>(new SessionGrainState { Session = Running(id) }));

        GrainState<SessionGrainState> read;
        NewSessionHint.Mark();
        try
        {
            read = await ReadAsync(id);
        }
        finally
        {
            NewSessionHint.Clear();
        }

        // The row exists, so only a skipped query reads it as absent; the etag check catches the rest.
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Session);
        read.State.Session = Running(id);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, GrainIdOf(id), read));
        Assert.True((await ReadAsync(id)).RecordExists);
    }

    [Fact]
    public async Task The_connection_profile_is_stored_in_its_columns_and_reads_back_through_later_writes()
    {
        var id = Guid.NewGuid().ToString();
        var profile = new ConnectionProfile("database", "postgres", """{"env":"prod","team":"sre","ünï":"☃ \"q\""}""");
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = Running(id) with { Profile = profile } });
        await _storage.WriteStateAsync(StateName, GrainIdOf(id), state);
        state.State!.Session = state.State.Session! with { Status = SessionStatus.Done, ExitCode = 0 };
        await _storage.WriteStateAsync(StateName, GrainIdOf(id), state);

        var read = (await ReadAsync(id)).State!.Session!.Profile;

        Assert.Equal(("database", "postgres"), (read.Type, read.Subtype));
        Assert.Equal(Tags(profile.TagsJson), Tags(read.TagsJson));
        await using var command = _dataSource.CreateCommand("SELECT type, connection_subtype, connection_tags->>'ünï' FROM sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(id) });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("database", "postgres", "☃ \"q\""), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    private static SortedDictionary<string, string> Tags(string json) =>
        new(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!, StringComparer.Ordinal);

    [Fact]
    public async Task The_row_has_a_column_for_every_field_the_api_filters_or_shows()
    {
        var id = Guid.NewGuid().ToString();
        await _storage.WriteStateAsync(StateName, GrainIdOf(id), new GrainState<SessionGrainState>(new SessionGrainState { Session = Running(id) }));

        await using var command = _dataSource.CreateCommand("""
            SELECT connection, status, output_status, exit_code, "user", silo, metadata->>'ticket', truncated
            FROM sessions WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(id) });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("bash", reader.GetString(0));
        Assert.Equal("running", reader.GetString(1));
        Assert.Equal("running", reader.GetString(2));
        Assert.True(reader.IsDBNull(3));
        Assert.Equal("tests", reader.GetString(4));
        Assert.Equal("127.0.0.1:11111@1", reader.GetString(5));
        Assert.Equal("OPS-1", reader.GetString(6));
        Assert.False(reader.GetBoolean(7));
    }
}
