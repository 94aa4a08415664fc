using HoopOrleans.Draining;
using HoopOrleans.Hosting;
using HoopOrleans.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace HoopOrleans.Connections;

/// <summary>
/// Tells the cluster which connections this silo hosts: before the silo joins, it checks that no
/// live silo hosts one of them differently (a configuration error, which stops this start naming
/// the keys), then writes its row of <c>silo_connections</c>; while it runs, it refreshes the row's
/// running count and drain every second. Its row stays when it stops: membership marks the silo
/// dead, which is what takes its connections offline, and keeps their names known.
/// </summary>
public sealed partial class PostgresConnectionAdvert(
    NpgsqlDataSource dataSource,
    IOptions<ClusterOptions> cluster,
    IOptions<Dictionary<string, ConnectionOptions>> connections,
    ILocalSiloDetails silo,
    ProcessRunner runner,
    SiloDrainState drain,
    ILogger<PostgresConnectionAdvert> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>After the schema is migrated (<see cref="ServiceLifecycleStage.First"/>), before membership makes the silo active.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresConnectionAdvert), ServiceLifecycleStage.RuntimeInitialize, StartAsync, StopAsync);

    public void Dispose() => _stopping.Dispose();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var own = connections.Value.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => AdvertisedConnection.Of(pair.Key, pair.Value)).ToArray();
        var others = await SiloConnectionsTable.ReadAsync(dataSource, cluster.Value.ClusterId, cancellationToken);
        if (Conflicts(own, others) is { Count: > 0 } conflicts)
        {
            var message = string.Join(" ", conflicts);
            Conflict(logger, message);
            throw new InvalidOperationException(message);
        }

        await SiloConnectionsTable.WriteAsync(dataSource, cluster.Value.ClusterId, silo.SiloAddress, own, cancellationToken);
        Advertised(logger, own.Length == 0 ? "none" : string.Join(", ", own.Select(connection => connection.Name)));
        _loop = RefreshLoopAsync(own, _stopping.Token);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// One sentence per connection that a live silo advertises with other settings, naming the
    /// keys that differ and the silo: every silo that hosts a connection must run it alike, or a
    /// session's type, review or timeout would depend on where it was placed.
    /// </summary>
    internal static List<string> Conflicts(IEnumerable<AdvertisedConnection> own, IEnumerable<SiloAdvert> others)
    {
        var conflicts = new List<string>();
        var live = others.Where(row => row.Live).ToList();
        foreach (var connection in own)
        {
            foreach (var row in live)
            {
                if (row.Connections.FirstOrDefault(other => other.Name == connection.Name) is { } theirs
                    && connection.Differences(theirs) is { Count: > 0 } keys)
                {
                    var named = string.Join(", ", keys.Select(key => $"{ConnectionOptions.Section}:{connection.Name}:{key}"));
                    conflicts.Add($"{named} differ from what silo {row.Host.Silo.ToParsableString()}, which hosts {connection.Name} already, is configured with; every silo that hosts a connection must configure it alike.");
                    break;
                }
            }
        }

        return conflicts;
    }

    // A failed refresh leaves placement elsewhere a running count a little older; the next tick tries again.
    private Task RefreshLoopAsync(AdvertisedConnection[] own, CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(Refresh, async cancellationToken =>
        {
            var updated = await SiloConnectionsTable.RefreshAsync(
                dataSource, cluster.Value.ClusterId, silo.SiloAddress, runner.Running, drain.IsDraining, cancellationToken);
            if (updated == 0)
            {
                // The row is gone (a database restored from before this silo started): written again.
                await SiloConnectionsTable.WriteAsync(dataSource, cluster.Value.ClusterId, silo.SiloAddress, own, cancellationToken);
            }
        }, e => RefreshFailed(logger, e), stoppingToken);

    [LoggerMessage(1, LogLevel.Critical, "This silo's connections conflict with the cluster's: {Message}")]
    private static partial void Conflict(ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Information, "This silo hosts connections: {Connections}")]
    private static partial void Advertised(ILogger logger, string connections);

    [LoggerMessage(3, LogLevel.Warning, "Could not refresh this silo's running count in silo_connections")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
