using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Migrates the schema at start-up, before Orleans reads its membership table: on a silo as the
/// first step of the silo's own lifecycle, on a front end as a hosted service registered before its
/// cluster client. A database that is still starting is waited for, for a while.
/// </summary>
public sealed partial class SchemaMigrationService(SchemaMigrator migrator, ILogger<SchemaMigrationService> logger)
    : IHostedService, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < deadline)
            {
                Waiting(logger, e.Message);
                await Task.Delay(RetryEvery, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On a silo: before any stage of the silo starts, membership and storage among them.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationService), ServiceLifecycleStage.First, StartAsync);

    [LoggerMessage(1, LogLevel.Warning, "PostgreSQL is not reachable yet ({Reason}); retrying")]
    private static partial void Waiting(ILogger logger, string reason);
}
