using System.Diagnostics;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// SIGTERM to a silo mid-run, as a rolling update does: it takes no new runs, the runs it holds
/// finish and are stored (none lost, none "node shut down": they end well within the 5 s drain),
/// and the load goes on through the other silo.
/// </summary>
public sealed class SiloDrain(ClusterStage stage)
{
    public async Task<Figure> RunAsync()
    {
        var figure = new Figure("SIGTERM of a silo mid-run");
        var fronts = stage.NewFronts();
        var ranLog = ClusterStage.NewRanLog();
        var load = stage.StartLoad(fronts, ranLog, slow: 0.5);
        string draining;
        long stoppedAt;
        TimeSpan drained;
        try
        {
            await stage.AwaitProgressAsync(load, 0, "before the SIGTERM");
            draining = await stage.Cluster.SiloAddressAsync(1);
            stoppedAt = Stopwatch.GetTimestamp();
            await stage.Cluster.RunAsync("stop-silo", "1");
            figure.FaultsInjected++;
            await Until.HoldsAsync("silo 1 drains and exits", () => !stage.Cluster.IsRunning("silo", 1));
            drained = Stopwatch.GetElapsedTime(stoppedAt);
            await stage.AwaitProgressAsync(load, Stopwatch.GetTimestamp(), "through silo 2 alone");
        }
        finally
        {
            await load.StopAsync();
            await stage.RestoreAsync();
        }

        // No silo was lost: a "lost" or "node shut down" session is a result lost.
        var audit = await stage.AuditAsync(figure, load, fronts, ranLog);
        var finishedOnDraining = load.Outcomes.Count(o =>
            o.StartedAt < stoppedAt && audit.Sessions.TryGetValue(o.Token, out var s) && s.GetProperty("silo").GetString() == draining
            && s.GetProperty("end_date").GetDateTimeOffset() >= DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(stoppedAt));
        figure.Notable = $"{finishedOnDraining} runs in progress on the stopped silo finished; it exited {drained.TotalSeconds:F1} s after SIGTERM";
        return figure;
    }
}
