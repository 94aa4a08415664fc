using System.Diagnostics;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// PostgreSQL stopped under steady load, then started again: requests meanwhile get 503 with a
/// message (or 202 for a run that may have started), never another 5xx; no told result changes; the
/// first requests after the restart succeed.
/// </summary>
public sealed class PostgresOutage(ClusterStage stage)
{
    public async Task<Figure> RunAsync()
    {
        var down = stage.Scale.PostgresDown;
        var figure = new Figure($"PostgreSQL stopped {down.TotalSeconds:F0} s under load");
        var fronts = stage.NewFronts();
        var ranLog = ClusterStage.NewRanLog();
        var load = stage.StartLoad(fronts, ranLog);
        long restarted;
        try
        {
            await stage.AwaitProgressAsync(load, 0, "before the outage");
            await stage.Cluster.StopPostgresAsync();
            figure.FaultsInjected++;

            // The outage itself: the load keeps going against a cluster without its store.
            await Task.Delay(down);
            await stage.Cluster.StartPostgresAsync();
            restarted = Stopwatch.GetTimestamp();
            await stage.AwaitProgressAsync(load, restarted, "after PostgreSQL is back");
        }
        finally
        {
            await load.StopAsync();
            await stage.RestoreAsync();
        }

        await stage.AuditAsync(figure, load, fronts, ranLog);
        var firstSuccess = load.Outcomes.Where(o => o.ToldResult && o.OutputMatched && o.EndedAt >= restarted).Min(o => o.EndedAt);
        figure.Notable = $"first success {Stopwatch.GetElapsedTime(restarted, firstSuccess).TotalSeconds:F2} s after the restart";
        return figure;
    }
}
