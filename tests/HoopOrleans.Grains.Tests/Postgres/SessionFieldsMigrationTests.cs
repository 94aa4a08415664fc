using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// Migration 0007 (hoop's session fields) on a database an earlier release left at 0006 with
/// sessions in it: those sessions read back as on a connection described by nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionFieldsMigrationTests(PostgresServer server)
{
    private const int SessionFieldsVersion = 7;

    [Fact]
    public async Task Sessions_stored_before_0007_read_back_as_custom_without_subtype_or_tags()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        var earlier = Migration.All.Where(migration => migration.Version < SessionFieldsVersion).ToList();
        Assert.Equal(SessionFieldsVersion - 1, await migrator.MigrateAsync(earlier));
        var id = Guid.NewGuid();
        // The row as the storage of a release before 0007 wrote it: its columns, no others.
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO sessions (id, version, connection, "user", start_date, script, client_args, metadata, labels,
                                  status, output_status, exit_code, output, truncated, execution_time_ms, has_review)
            VALUES ($1, 1, 'bash', 'tests', '2026-11-29T06:00:00Z', 'echo é', '{}', '{}', '{}', 'done', 'success', 0, '\x6f6b0a'::bytea, false, 3, false)
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(Migration.All.Count - earlier.Count, await migrator.MigrateAsync());

        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await new PostgresSessionStorage(dataSource).ReadStateAsync("session", GrainId.Create("session", id.ToString()), state);
        var listed = await new PostgresSessionListing(dataSource).ListAsync(new SessionQuery { Type = "Custom" }, CancellationToken.None);

        Assert.Equal(ConnectionProfile.Custom, state.State!.Session!.Profile);
        Assert.Equal("echo é", state.State.Session.Request.Script);
        var item = Assert.Single(listed.Sessions);
        Assert.Equal(ConnectionProfile.Custom, item.Session.Profile);
        Assert.Equal((7L, 3L), (item.ScriptSize, item.OutputSize));
    }
}
