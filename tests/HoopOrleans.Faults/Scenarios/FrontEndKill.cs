using System.Diagnostics;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// A front end killed while POSTs with an Idempotency-Key are in flight through it. Each client
/// whose answer was cut sends the same key through the other front end and reaches the same
/// session, whose script ran once.
/// </summary>
public sealed class FrontEndKill(ClusterStage stage)
{
    public async Task<Figure> RunAsync()
    {
        var figure = new Figure("a front end killed mid-request");
        var fronts = stage.NewFronts();
        var ranLog = ClusterStage.NewRanLog();

        // Every request keyed, every run long enough (0.3 s) to be in flight when the kill comes.
        var load = stage.StartLoad(fronts, ranLog, keyed: 1.0, slow: 1.0);
        long killedAt;
        try
        {
            await stage.AwaitProgressAsync(load, 0, "before the kill");
            await Until.HoldsAsync("a request in flight through front end 1", () => load.InFlight(0) > 0);
            killedAt = Stopwatch.GetTimestamp();
            await stage.Cluster.RunAsync("kill-front", "1");
            figure.FaultsInjected++;
            await stage.AwaitProgressAsync(load, killedAt, "through front end 2 alone");
            await stage.Cluster.RunAsync("start-front", "1");
        }
        finally
        {
            await load.StopAsync();
            await stage.RestoreAsync();
        }

        var audit = await stage.AuditAsync(figure, load, fronts, ranLog);
        var cut = load.Outcomes.Where(o => o.Front == 0 && o.Error is not null && o.StartedAt < killedAt).ToList();
        var foundAgain = cut.Count(o => audit.Sessions.TryGetValue(o.Token, out var s) && s.GetProperty("output").GetString() == o.ExpectedOutput);
        figure.Notable = $"{cut.Count} requests cut mid-way, {foundAgain} found again by their key through the other front end, each script run once";
        figure.Expect(foundAgain == cut.Count, $"only {foundAgain} of {cut.Count} cut requests found their run again");
        return figure;
    }
}
