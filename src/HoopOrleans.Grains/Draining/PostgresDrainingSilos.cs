using System.Collections.Frozen;
using HoopOrleans.Storage.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HoopOrleans.Draining;

/// <summary>
/// The cluster's draining silos in the <c>draining_silos</c> table: a silo that drains adds its
/// address, and every silo reads the table every second. A silo's address carries its generation,
/// so a restarted silo is never taken for its draining predecessor; rows of silos long gone are
/// removed when the next one drains.
/// </summary>
public sealed partial class PostgresDrainingSilos(
    NpgsqlDataSource dataSource,
    SiloDrainState drain,
    ILocalSiloDetails silo,
    ILogger<PostgresDrainingSilos> logger) : BackgroundService, IDrainingSilos
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepRows = TimeSpan.FromDays(1);

    private volatile FrozenSet<string> _draining = FrozenSet<string>.Empty;

    public bool IsDraining(SiloAddress address) =>
        (drain.IsDraining && address.Equals(silo.SiloAddress)) || _draining.Contains(address.ToParsableString());

    public Task AnnounceAsync(CancellationToken cancellationToken) => PostgresStoreCall.RunAsync(dataSource, async () =>
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM draining_silos WHERE since < now() - $1")
        {
            Parameters = { new NpgsqlParameter<TimeSpan> { TypedValue = KeepRows } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO draining_silos (silo) VALUES ($1) ON CONFLICT (silo) DO NOTHING")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = silo.SiloAddress.ToParsableString() } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            do
            {
                try
                {
                    _draining = await ReadAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Placement keeps the last view it had; the next tick tries again.
                    RefreshFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task<FrozenSet<string>> ReadAsync(CancellationToken cancellationToken) => PostgresStoreCall.RunAsync(dataSource, async () =>
    {
        await using var command = dataSource.CreateCommand("SELECT silo FROM draining_silos");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silos = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(reader.GetString(0));
        }

        return silos.ToFrozenSet(StringComparer.Ordinal);
    });

    [LoggerMessage(1, LogLevel.Warning, "Could not read which silos are draining; placement keeps its last view")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
