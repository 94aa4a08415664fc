using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using HoopOrleans.Hosting;
using Orleans.Configuration;

namespace HoopOrleans.Connections;

/// <summary>
/// A PostgreSQL cluster's connections, read every second from <c>silo_connections</c> joined to
/// the membership table: a connection is known once any silo advertised it, and hosted by the
/// silos the membership holds active. Front ends and silos alike read it; each keeps its own
/// copy, so no node depends on another to answer or to place.
/// </summary>
public sealed partial class PostgresConnectionDirectory(
    NpgsqlDataSource dataSource,
    IOptions<ClusterOptions> cluster,
    ILogger<PostgresConnectionDirectory> logger) : IConnectionDirectory, IHostedService, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>An on-demand read waits this long after the last one: refused requests must not flood the database.</summary>
    private static readonly TimeSpan MinSpacing = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private volatile ConnectionDirectoryView _view = ConnectionDirectoryView.Empty;
    private Task? _loop;
    private Task? _reading;
    private long _lastRead;

    public ConnectionEntry? Find(string name) => _view.ByName.GetValueOrDefault(name);

    public IReadOnlyList<ConnectionEntry> All => _view.All;

    public long Version => _view.Version;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The first view before the node serves: a front end that answered "not found" for
            // its first second would turn away a valid request.
            await ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RefreshFailed(logger, e);
        }

        _loop = RefreshLoopAsync(_stopping.Token);
    }

    /// <summary>
    /// On a silo: read once its own advert is written and before membership makes it active, so its
    /// placement and its sessions never work from an empty view (hosted services registered with a
    /// silo start only after it). A front end starts it as a hosted service instead.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresConnectionDirectory), ServiceLifecycleStage.RuntimeInitialize + 1, StartAsync, StopAsync);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_reading is { IsCompleted: false } reading)
            {
                return reading.WaitAsync(cancellationToken);
            }

            if (Environment.TickCount64 - Interlocked.Read(ref _lastRead) < MinSpacing.TotalMilliseconds)
            {
                return Task.CompletedTask;
            }

            _reading = ReadAsync(_stopping.Token);
            return _reading.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    // A failed read keeps the last view: its hosts were live a second ago, and the next tick tries again.
    private Task RefreshLoopAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(Refresh, RefreshAsync, e => RefreshFailed(logger, e), stoppingToken);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var rows = await SiloConnectionsTable.ReadAsync(dataSource, cluster.Value.ClusterId, cancellationToken);
        _view = ConnectionDirectoryView.Of(rows, _view.Version + 1);
        Interlocked.Exchange(ref _lastRead, Environment.TickCount64);
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not read which silos host which connections; this node keeps its last view")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
