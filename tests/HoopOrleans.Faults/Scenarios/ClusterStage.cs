using HoopOrleans.Faults.Load;
using HoopOrleans.Testing.Cluster;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// The cluster every cluster scenario shares (started once for the suite), and what each does
/// around its fault: load through both front ends, waiting for progress, the audit afterwards.
/// </summary>
public sealed class ClusterStage(LocalCluster cluster, Scale scale)
{
    public LocalCluster Cluster => cluster;

    public Scale Scale => scale;

    /// <summary>Ids of the sessions the scenarios audited, for the whole-cluster restart to read again.</summary>
    public List<string> FinishedSessions { get; } = [];

    /// <summary>Clients of both front ends that give up at <see cref="LoadRun.ClientTimeout"/>.</summary>
    public HttpClient[] NewFronts() => [Front(1), Front(2)];

    /// <summary>A log every run can append its token to (runs are users of their own), empty.</summary>
    public static string NewRanLog()
    {
        var log = Path.Combine(SharedFolders.Create("hoop-faults-"), "ran.log");
        File.WriteAllText(log, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(log, (UnixFileMode)0x1b6 /* 0666 */);
        }

        return log;
    }

    public LoadRun StartLoad(HttpClient[] fronts, string ranLog, double keyed = 0.8, double slow = 0.25) =>
        LoadRun.Start(fronts, new LoadOptions(scale.Clients, KeyedFraction: keyed, SlowFraction: slow, RanLog: ranLog));

    /// <summary>Waits until the load has had a phase's worth of successes from requests sent since <paramref name="since"/>.</summary>
    public Task AwaitProgressAsync(LoadRun load, long since, string what) =>
        Until.HoldsAsync($"{scale.SessionsPerPhase} successful runs {what}", () => load.SuccessesSince(since) >= scale.SessionsPerPhase);

    /// <summary>Audits the load's sessions, adds the findings to <paramref name="figure"/> and remembers the finished ones.</summary>
    public async Task<AuditReport> AuditAsync(Figure figure, LoadRun load, HttpClient[] fronts, string ranLog, IReadOnlySet<string>? killedSilos = null)
    {
        var audit = await new ResultAudit(fronts, killedSilos ?? new HashSet<string>(), ranLog).CheckAsync(load.Outcomes);
        figure.Add(load, audit);
        lock (FinishedSessions)
        {
            FinishedSessions.AddRange(audit.Sessions.Values.Where(s => s.GetProperty("status").GetString() == "done").Select(s => s.GetProperty("id").GetString()!));
        }

        foreach (var front in fronts)
        {
            front.Dispose();
        }

        KeepLogsIfFailed(figure);
        return audit;
    }

    /// <summary>Copies the nodes' logs somewhere the suite's clean-up does not delete, when <paramref name="figure"/> failed: they say why.</summary>
    public void KeepLogsIfFailed(Figure figure)
    {
        if (figure.Passed)
        {
            return;
        }

        var kept = Directory.CreateTempSubdirectory("hoop-faults-logs-").FullName;
        foreach (var log in Directory.EnumerateFiles(cluster.LogsFolder, "*.log"))
        {
            File.Copy(log, Path.Combine(kept, Path.GetFileName(log)));
        }

        figure.Failures.Add($"the nodes' logs are kept in {kept}");
    }

    /// <summary>Starts again whatever a scenario stopped or killed and left down (when it failed midway).</summary>
    public async Task RestoreAsync()
    {
        await cluster.StartPostgresAsync();
        foreach (var kind in new[] { "silo", "front" })
        {
            for (var n = 1; n <= 2; n++)
            {
                if (!cluster.IsRunning(kind, n))
                {
                    await cluster.RunAsync($"start-{kind}", n.ToString());
                }
            }
        }
    }

    private HttpClient Front(int n)
    {
        var client = cluster.Client(n, "ops");
        client.Timeout = LoadRun.ClientTimeout;
        return client;
    }
}
