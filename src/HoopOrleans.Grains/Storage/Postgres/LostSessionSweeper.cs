using HoopOrleans.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Settles sessions whose silo died, even when nobody reads them: it finds sessions stored as
/// running on a silo the cluster no longer lists as alive and wakes their grains, whose new
/// activation owns no process and so records the outcome as lost. Nothing is ever re-run.
/// </summary>
public sealed partial class LostSessionSweeper(
    NpgsqlDataSource dataSource,
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILogger<LostSessionSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A session younger than this is left alone: its silo may have joined so recently that this
    /// silo's view of the membership does not list it yet.
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e);
            }
        }
    }

    /// <summary>Wakes every session stored as running on a silo that is no longer alive; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var alive = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status != SiloStatus.Dead)
            .Select(member => member.SiloAddress.ToParsableString())
            .ToArray();

        await using var command = dataSource.CreateCommand("""
            SELECT id FROM sessions
            WHERE status = 'running' AND NOT (silo = ANY($1)) AND start_date < now() - $2
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = alive });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Grace });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
        var lost = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lost.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in lost)
        {
            await grains.GetGrain<ISessionGrain>(id.ToString()).Get(SessionActor.Service, TimeSpan.Zero);
            Settled(logger, id);
        }

        return lost.Count;
    }

    [LoggerMessage(1, LogLevel.Warning, "Session {SessionId} was running on a silo that is gone; settled as lost")]
    private static partial void Settled(ILogger logger, Guid sessionId);

    [LoggerMessage(2, LogLevel.Error, "Sweeping for lost sessions failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
