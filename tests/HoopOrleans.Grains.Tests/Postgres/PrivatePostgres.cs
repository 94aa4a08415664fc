using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// A PostgreSQL server of one test's own, which the test may stop and start again (the shared
/// server serves every other test meanwhile), with <c>deploy/local/postgres.sh</c>.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Script = "deploy/local/postgres.sh";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hoop-pg-{Guid.NewGuid():N}");
    private readonly int _port = FreePorts.Next();

    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var server = new PrivatePostgres();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops the server the way an operator's restart does: open connections are ended (57P01).</summary>
    public Task StopAsync() => ScriptRunner.RunAsync(Script, ["stop", _folder]);

    public async Task StartAgainAsync()
    {
        var output = await ScriptRunner.RunAsync(Script, ["start", _folder, _port.ToString()]);
        ConnectionString = output.Trim().Split('\n')[^1];
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
