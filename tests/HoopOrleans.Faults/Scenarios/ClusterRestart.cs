using System.Diagnostics;
using System.Text.Json;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// The whole cluster stopped (silos drain, PostgreSQL stops; the data stays) and started again:
/// every finished session, this scenario's and the earlier scenarios', reads the same.
/// </summary>
public sealed class ClusterRestart(ClusterStage stage)
{
    public async Task<Figure> RunAsync()
    {
        var figure = new Figure("whole-cluster restart");
        var fronts = stage.NewFronts();
        var ranLog = ClusterStage.NewRanLog();
        var load = stage.StartLoad(fronts, ranLog);
        try
        {
            await stage.AwaitProgressAsync(load, 0, "before the restart");
        }
        finally
        {
            await load.StopAsync();
        }

        await stage.AuditAsync(figure, load, fronts, ranLog);
        var ids = stage.FinishedSessions.Distinct().ToList();
        using var reader = stage.Cluster.Client(2, "ops");
        var before = await ReadAllAsync(reader, ids);

        var restart = Stopwatch.StartNew();
        try
        {
            await stage.Cluster.RunAsync("down");
            figure.FaultsInjected++;
            await stage.Cluster.RunAsync("up", "--no-build");
        }
        finally
        {
            await stage.RestoreAsync();
        }

        var after = await ReadAllAsync(reader, ids);
        foreach (var id in ids)
        {
            var changed = Differences(before[id], after[id]);
            if (changed.Count > 0)
            {
                figure.ResultsLost++;
                figure.Failures.Add($"lost: {id} reads differently after the restart ({string.Join(", ", changed)})");
            }
        }

        figure.Notable = $"{ids.Count:N0} finished sessions read the same after a restart of {restart.Elapsed.TotalSeconds:F0} s";
        return figure;
    }

    /// <summary>Each session's JSON as <c>GET</c> answers it (status and body), read eight at a time.</summary>
    private static async Task<Dictionary<string, JsonElement>> ReadAllAsync(HttpClient reader, List<string> ids)
    {
        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            // Right after 'up' a session's first read may meet a silo still joining: 503 is retried.
            await Until.HoldsAsync($"session {id} answers", async () =>
            {
                try
                {
                    using var response = await reader.GetAsync($"/api/sessions/{id}");
                    var text = await response.Content.ReadAsStringAsync();
                    read[id] = JsonSerializer.Deserialize<JsonElement>(text.Length == 0 ? "null" : text);
                    return (int)response.StatusCode != 503;
                }
                catch (HttpRequestException)
                {
                    // A connection pooled before the restart, closed by it.
                    return false;
                }
            });
        });
        return new(read);
    }

    /// <summary>The names of the fields whose values differ (a missing session shows as "everything").</summary>
    private static List<string> Differences(JsonElement before, JsonElement after)
    {
        if (before.ValueKind != JsonValueKind.Object || after.ValueKind != JsonValueKind.Object)
        {
            return before.ValueKind == after.ValueKind ? [] : ["everything"];
        }

        var names = before.EnumerateObject().Select(p => p.Name).Union(after.EnumerateObject().Select(p => p.Name));
        return [.. names.Where(name => !(before.TryGetProperty(name, out var b) && after.TryGetProperty(name, out var a) && JsonElement.DeepEquals(a, b)))];
    }
}
