using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>The session store across a PostgreSQL restart and an outage, on a server of its own.</summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private PrivatePostgres _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgresSessionStorage _storage = null!;
    private PostgresSessionListing _catalog = null!;

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync();
        _dataSource = NpgsqlDataSource.Create(_server.ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _storage = new PostgresSessionStorage(_dataSource);
        _catalog = new PostgresSessionListing(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static SessionRecord Running(string id, DateTimeOffset start) => new()
    {
        Id = id,
        Request = Requests.Bash("echo kept"),
        Status = SessionStatus.Running,
        StartDate = start,
        Silo = "127.0.0.1:11111@1",
    };

    private async Task<GrainState<SessionGrainState>> ReadAsync(string id)
    {
        var state = new GrainState<SessionGrainState>(new SessionGrainState());
        await _storage.ReadStateAsync("session", GrainId.Create("session", id), state);
        return state;
    }

    private Task WriteAsync(GrainState<SessionGrainState> state) =>
        _storage.WriteStateAsync("session", GrainId.Create("session", state.State!.Session!.Id), state);

    private Task<SessionPage> ListAllAsync() =>
        _catalog.ListAsync(new SessionQuery { Limit = 20 }, CancellationToken.None);

    [Fact]
    public async Task After_a_restart_the_first_reads_and_writes_succeed_on_fresh_connections()
    {
        var id = Guid.NewGuid().ToString();
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = Running(id, DateTimeOffset.UtcNow) });
        await WriteAsync(state);

        // Fill the pool with several connections, all of which the restart will end.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReadAsync(id)));
        await _server.StopAsync();
        await _server.StartAgainAsync();

        var read = await ReadAsync(id);
        Assert.Equal(SessionStatus.Running, read.State!.Session!.Status);
        Assert.Equal(1, (await ListAllAsync()).Total);
        state.State!.Session = state.State!.Session! with { Status = SessionStatus.Done, ExitCode = 0, EndDate = DateTimeOffset.UtcNow };
        await WriteAsync(state);
        Assert.Equal(SessionStatus.Done, (await ReadAsync(id)).State!.Session!.Status);
    }

    [Fact]
    public async Task While_the_server_is_down_every_operation_fails_as_store_unavailable_and_nothing_is_lost()
    {
        var id = Guid.NewGuid().ToString();
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = Running(id, DateTimeOffset.UtcNow) });
        await WriteAsync(state);
        await _server.StopAsync();

        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => ReadAsync(id));
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(ListAllAsync);
        state.State!.Session = state.State!.Session! with { Status = SessionStatus.Done, ExitCode = 0, EndDate = DateTimeOffset.UtcNow };
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => WriteAsync(state));

        await _server.StartAgainAsync();
        Assert.Equal(SessionStatus.Running, (await ReadAsync(id)).State!.Session!.Status);
        await WriteAsync(state);
        Assert.Equal(SessionStatus.Done, (await ReadAsync(id)).State!.Session!.Status);
    }
}
