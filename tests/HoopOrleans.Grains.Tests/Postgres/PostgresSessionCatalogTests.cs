using HoopOrleans.Storage;
using HoopOrleans.Storage.Postgres;
using HoopOrleans.Sessions;
using HoopOrleans.Grains.Tests.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionCatalogTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private NpgsqlDataSource _dataSource = null!;
    private PostgresSessionListing _catalog = null!;
    private readonly List<SessionRecord> _sessions = [];

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        _catalog = new PostgresSessionListing(_dataSource);
        var storage = new PostgresSessionStorage(_dataSource);
        for (var i = 0; i < 5; i++)
        {
            var session = new SessionRecord
            {
                Id = Guid.NewGuid().ToString(),
                Request = Requests.Bash($"echo {i}") with { Connection = i == 1 ? "sh" : "bash" },
                Status = i == 4 ? SessionStatus.Running : SessionStatus.Done,
                ExitCode = i == 4 ? null : 0,
                Output = i == 4 ? [] : [(byte)('0' + i)],
                StartDate = Start.AddMinutes(i),
            };
            _sessions.Add(session);
            await storage.WriteStateAsync("session", GrainId.Create("session", session.Id), new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
        }
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private Task<SessionPage> ListAsync(string? connection = null, SessionStatus? status = null, DateTimeOffset? from = null, DateTimeOffset? before = null, int limit = 20, int offset = 0) =>
        _catalog.ListAsync(new SessionQuery { Connection = connection, Status = status, StartedFrom = from, StartedBefore = before, Limit = limit, Offset = offset, Count = SessionCount.Exact }, CancellationToken.None);

    private string[] Ids(params int[] indexes) => [.. indexes.Select(i => _sessions[i].Id)];

    [Fact]
    public async Task Lists_newest_first_with_the_total_and_without_scripts_or_output()
    {
        var page = await ListAsync(limit: 2, offset: 1);

        Assert.Equal(Ids(3, 2), page.Sessions.Select(s => s.Session.Id));
        Assert.Equal(5, page.Total);
        Assert.True(page.HasNextPage);
        Assert.All(page.Sessions, s => Assert.Equal("", s.Session.Request.Script));
        Assert.All(page.Sessions, s => Assert.Empty(s.Session.Output));
    }

    [Fact]
    public async Task Filters_combine()
    {
        Assert.Equal(Ids(1), (await ListAsync(connection: "sh")).Sessions.Select(s => s.Session.Id));
        Assert.Equal(Ids(4), (await ListAsync(status: SessionStatus.Running)).Sessions.Select(s => s.Session.Id));
        Assert.Equal(Ids(3, 2), (await ListAsync(connection: "bash", from: Start.AddMinutes(2), before: Start.AddMinutes(4))).Sessions.Select(s => s.Session.Id));
        Assert.Equal(0, (await ListAsync(connection: "none")).Total);
    }
}
