using HoopOrleans.Benchmarks;
using HoopOrleans.Benchmarks.Baselines;
using HoopOrleans.Benchmarks.Rows;

// Measures the service against the strict baselines (a C posix_spawn, wrk against bare Kestrel) in
// the same run, with the .NET ones beside them, and prints one table.
// `serve` is this program's second role: the bare web server that B3 and B4 compare against.
if (args is ["serve", ..])
{
    BareServer.Run(args[1..]);
    return;
}

// Row ids on the command line (B4 B5 …) run only those rows.
var only = args.Select(a => a.ToUpperInvariant()).Where(a => a.StartsWith('B')).ToHashSet();
bool Want(string id) => only.Count == 0 || only.Contains(id);
if (new[] { "B1", "B3", "B7" }.Any(Want) && Wrk.Missing() is { } why)
{
    Console.Error.WriteLine(why);
    Environment.Exit(2);
}

// Settings for the service under test (`--Telemetry:Enabled=false` measures what telemetry costs);
// without them it runs as shipped, telemetry on.
var serviceSettings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var work = Directory.CreateTempSubdirectory("hoop-bench-").FullName;

// The cluster's PostgreSQL runs as the postgres user when this runs as root: it must reach its folder.
File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; load average {File.ReadAllText("/proc/loadavg").Trim()}; working in {work}");

Bench.Step("building the service (Release)");
Tools.Run("dotnet", "build", Path.Combine(RepositoryRoot.Path, "src", "HoopOrleans.Api"), "-c", "Release", "-o", Path.Combine(work, "api"), "-nologo", "-v", "quiet");

IReadOnlyList<Row> rows;
await using (var service = await ServiceProcess.StartAsync(
    Path.Combine(work, "api", "HoopOrleans.Api.dll"), "/health",
    [
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:HoopOrleans.Audit=Warning",
        $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
        "--Connections:true:Command:0=true", .. serviceSettings,
    ]))
{
    using var bench = new Bench(service, work);
    Bench.Step("warming up");
    await WarmUp.RunAsync("the service", _ => bench.EchoRequest.PostAsync(bench.Client));
    await WarmUp.RunAsync("direct starts", _ => DirectStart.RunAsync(Bench.Echo));

    // The order of the rows: the sleepers of B4 and the sessions B6 keeps would weigh on the rows after them.
    (string Id, Func<Bench, Task> Run)[] all =
    [
        ("B1", B1Throughput.RunAsync), ("B8", B8HoopExec.RunAsync), ("B2", B2Latency.RunAsync), ("B3", B3Reads.RunAsync),
        ("B5", B5LargeOutput.RunAsync), ("B4", B4Burst.RunAsync), ("B6", B6FinishedSessions.RunAsync), ("B7", B7Cluster.RunAsync),
    ];
    foreach (var (id, run) in all.Where(row => Want(row.Id)))
    {
        await run(bench);
    }

    rows = bench.Rows;
}

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {File.ReadAllText("/proc/loadavg").Trim()}");
Row.Print(rows);
Directory.Delete(work, recursive: true);
