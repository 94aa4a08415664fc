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
        // Requests held during the outage (a result being stored, a wait) answer the moment it ends;
        // the first ones sent after it show whether fresh requests succeed at once.
        var held = load.Outcomes.Count(o => o.StartedAt < restarted && o.EndedAt >= restarted && o.ToldResult);
        var firstSent = load.Outcomes.Where(o => o.StartedAt >= restarted).MinBy(o => o.StartedAt)!;
        figure.Notable = $"{held} requests held through the outage answered 200 after it; the first sent after the restart answered " +
            $"{firstSent.Status?.ToString() ?? firstSent.Error} in {firstSent.AnsweredAfter(firstSent.StartedAt).TotalSeconds:F2} s";
        figure.Expect(firstSent.ToldResult && firstSent.OutputMatched, "the first request after PostgreSQL restarted did not succeed");
        return figure;
    }
}
