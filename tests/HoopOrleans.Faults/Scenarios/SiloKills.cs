using System.Diagnostics;
using HoopOrleans.Faults.Load;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// kill -9 of a silo under load, in rounds alternating the two silos, each killed silo started
/// again before the next round. Sessions on the live silo are untouched; a session on the dead
/// one answers (503, 202, or settled as "lost") within the grain call timeout, never hangs, and
/// only a session the dead silo ran may read "lost".
/// </summary>
public sealed class SiloKills(ClusterStage stage)
{
    public async Task<Figure> RunAsync()
    {
        var rounds = stage.Scale.KillRounds;
        var figure = new Figure($"kill -9 of a silo under load, {rounds} round{(rounds == 1 ? "" : "s")}");
        var fronts = stage.NewFronts();
        var ranLog = ClusterStage.NewRanLog();
        var killed = new HashSet<string>();
        var deadWindows = new List<(long From, long To)>();
        var load = stage.StartLoad(fronts, ranLog);
        try
        {
            var since = 0L;
            for (var round = 1; round <= rounds; round++)
            {
                var silo = round % 2 == 1 ? 1 : 2;
                await stage.AwaitProgressAsync(load, since, $"before round {round}");
                killed.Add(await stage.Cluster.SiloAddressAsync(silo));
                var killedAt = Stopwatch.GetTimestamp();
                await stage.Cluster.RunAsync("kill-silo", silo.ToString());
                figure.FaultsInjected++;
                await stage.AwaitProgressAsync(load, killedAt, $"with silo {silo} dead");
                await stage.Cluster.RunAsync("start-silo", silo.ToString());
                since = Stopwatch.GetTimestamp();
                deadWindows.Add((killedAt, since));
            }

            await stage.AwaitProgressAsync(load, since, "after the last round");
        }
        finally
        {
            await load.StopAsync();
            await stage.RestoreAsync();
        }

        var audit = await stage.AuditAsync(figure, load, fronts, ranLog, killed);
        var slowest = SlowestAnswer(load.Outcomes, deadWindows);
        var settledLost = audit.Sessions.Values.Count(s => s.GetProperty("failure_reason").GetString() == "lost");
        figure.Notable = $"slowest answer with a silo dead {slowest.TotalSeconds:F2} s; {settledLost} runs on the dead silos settled as lost, {audit.NeverStarted} answered 202 never started";
        if (stage.Scale.Bounded)
        {
            figure.Expect(slowest <= Scale.DeadSiloAnswerBound, $"an answer took {slowest.TotalSeconds:F2} s with a silo dead (bound {Scale.DeadSiloAnswerBound.TotalSeconds:F0} s)");
        }

        return figure;
    }

    /// <summary>
    /// The longest any request answered by a front end waited, counted from the kill for those sent
    /// before it, among answers given while a silo was dead: every session on the dead silo is among them.
    /// </summary>
    private static TimeSpan SlowestAnswer(IEnumerable<Outcome> outcomes, List<(long From, long To)> windows) =>
        outcomes.Where(o => o.Status is not null)
            .SelectMany(o => windows.Where(w => o.EndedAt >= w.From && o.StartedAt <= w.To).Select(w => o.AnsweredAfter(w.From)))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
}
