using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// A PostgreSQL server for the tests: the one named by <c>HOOP_TEST_POSTGRES</c> (CI starts one),
/// or else a private server started with <c>deploy/local/postgres.sh</c> in a temporary folder.
/// Each test class gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "HOOP_TEST_POSTGRES";
    private const string Script = "deploy/local/postgres.sh";

    private string? _privateFolder;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            AdminConnectionString = given;
            return;
        }

        _privateFolder = Path.Combine(Path.GetTempPath(), $"hoop-pg-{Guid.NewGuid():N}");
        var output = await ScriptRunner.RunAsync(Script, ["start", _privateFolder, FreePorts.Next().ToString()]);
        AdminConnectionString = output.Trim().Split('\n')[^1];
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_privateFolder is not null)
        {
            await ScriptRunner.RunAsync(Script, ["stop", _privateFolder]);
            Directory.Delete(_privateFolder, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }
}
