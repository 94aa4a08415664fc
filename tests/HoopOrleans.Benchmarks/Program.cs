using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HoopOrleans.Benchmarks;
using HoopOrleans.Tests;

// Measures the service against the physical limit in the same run and prints one table.
// `serve` is this program's second role: the bare web server that B3 compares against.
if (args is ["serve", ..])
{
    BareServer.Run(args[1..]);
    return;
}

const string Echo = "echo hello world\n";
var work = Directory.CreateTempSubdirectory("hoop-bench-").FullName;

// The cluster's PostgreSQL runs as the postgres user when this runs as root: it must reach its folder.
if (OperatingSystem.IsLinux()) File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
var rows = new List<Row>();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; working in {work}");

Step("building the service (Release)");
Run("dotnet", "build", Path.Combine(RepositoryRoot.Path, "src", "HoopOrleans.Api"), "-c", "Release", "-o", Path.Combine(work, "api"), "-nologo", "-v", "quiet");

await using (var service = await ServiceProcess.StartAsync(
    Path.Combine(work, "api", "HoopOrleans.Api.dll"), "/health",
    "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:HoopOrleans.Audit=Warning",
    $"--Orleans:SiloPort={ServiceProcess.FreePort()}", $"--Orleans:GatewayPort={ServiceProcess.FreePort()}",
    "--Connections:true:Command:0=true"))
{
    var client = service.Client;
    async Task<JsonElement> PostAsync(string connection, string script, string query = "")
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions{query}", new { connection, script });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    Step("warming up");
    await Load.RunAsync(400, 16, _ => PostAsync("bash", Echo));
    await Load.RunAsync(400, 16, _ => DirectStart.RunAsync(Echo));

    Step("B1: runs/s, 16 concurrent clients");
    var (direct, _) = await Load.RunAsync(3000, 16, _ => DirectStart.RunAsync(Echo));
    var (served, _) = await Load.RunAsync(3000, 16, _ => PostAsync("bash", Echo));
    Add(new Row("B1", "`echo hello world`, 16 clients", served, direct, "runs/s", "≥ 0.95 × baseline", served >= 0.95 * direct));

    Step("B2: added latency, one client");
    var (_, directLatency) = await Load.RunAsync(500, 1, _ => DirectStart.RunAsync(Echo));
    var (_, servedLatency) = await Load.RunAsync(500, 1, _ => PostAsync("bash", Echo));
    var p50 = Stats.Percentile(servedLatency, 50) - Stats.Percentile(directLatency, 50);
    var p99 = Stats.Percentile(servedLatency, 99) - Stats.Percentile(directLatency, 99);
    Add(new Row("B2", "added latency p50 (POST − direct start)", p50, null, "ms", "≤ 1.5 ms", p50 <= 1.5));
    Add(new Row("B2", "added latency p99 (POST − direct start)", p99, null, "ms", "≤ 5 ms", p99 <= 5));

    Step("B3: GET of finished sessions, req/s");
    var ids = new List<string>();
    for (var i = 0; i < 64; i++)
    {
        ids.Add((await PostAsync("bash", Echo)).GetProperty("session_id").GetString()!);
    }

    var sample = await client.GetByteArrayAsync($"/api/sessions/{ids[0]}");
    var sampleFile = Path.Combine(work, "session.json");
    await File.WriteAllBytesAsync(sampleFile, sample);
    await using var bare = await ServiceProcess.StartAsync(typeof(Program).Assembly.Location, "/", "serve", $"--file={sampleFile}");
    await Load.RunAsync(5000, 32, _ => bare.Client.GetByteArrayAsync("/"));
    var (bareRate, _) = await Load.RunAsync(60000, 32, _ => bare.Client.GetByteArrayAsync("/"));
    await Load.RunAsync(5000, 32, i => client.GetByteArrayAsync($"/api/sessions/{ids[i % ids.Count]}"));
    var (getRate, _) = await Load.RunAsync(60000, 32, i => client.GetByteArrayAsync($"/api/sessions/{ids[i % ids.Count]}"));
    Add(new Row("B3", "GET /api/sessions/{id}, 32 clients", getRate, bareRate, "req/s", "≥ 0.7 × baseline", getRate >= 0.7 * bareRate));

    Step("B5: a run writing 1 GiB with the 4 MiB cap");
    var rssBefore = service.MemoryBytes("VmRSS");
    var hwmBefore = service.MemoryBytes("VmHWM");
    var clock = Stopwatch.StartNew();
    var big = await PostAsync("bash", "head -c 1073741824 /dev/zero", "?wait=300");
    var servedSeconds = clock.Elapsed.TotalSeconds;
    clock.Restart();
    Run("bash", "-c", "head -c 1073741824 /dev/zero | cat > /dev/null");
    var directSeconds = clock.Elapsed.TotalSeconds;
    var growth = Math.Max(0, service.MemoryBytes("VmHWM") - Math.Max(hwmBefore, rssBefore)) / 1048576.0;
    if (!big.GetProperty("truncated").GetBoolean())
    {
        throw new InvalidOperationException("the 1 GiB run was not truncated at the cap");
    }

    Add(new Row("B5", "1 GiB of output, throughput", 1024 / servedSeconds, 1024 / directSeconds, "MiB/s", "≥ 0.5 × baseline", servedSeconds <= 2 * directSeconds));
    Add(new Row("B5", "1 GiB of output, peak RSS growth", growth, null, "MiB", "≤ 64 MiB", growth <= 64));

    Step("B4: 2,000 runs of `sleep 60` started at once");
    var rssBeforeSleep = service.MemoryBytes("VmRSS");
    var (_, sleepLatency) = await Load.RunAsync(2000, 2000, _ => PostAsync("bash", "sleep 60", "?wait=0"));
    var perSleeper = (service.MemoryBytes("VmRSS") - rssBeforeSleep) / 2000.0 / 1024;
    var sleepP99 = Stats.Percentile(sleepLatency, 99);
    Add(new Row("B4", "2,000 `sleep 60` at once, p99 answer", sleepP99, null, "ms", "all answered, ≤ 1000 ms", sleepLatency.Count == 2000 && sleepP99 <= 1000));
    Add(new Row("B4", "memory per running session (RSS growth)", perSleeper, null, "KiB", "≤ 64 KiB", perSleeper <= 64));

    // Every session is a process start, and this machine starts a few hundred a second: 100,000 would
    // take most of ten minutes, so the cost per session is measured over 20,000 (it grows linearly).
    const int Kept = 20_000;
    Step($"B6: {Kept:N0} finished sessions kept in memory");
    var rssBeforeMany = service.MemoryBytes("VmRSS");
    await Load.RunAsync(Kept, 16, _ => PostAsync("true", ""));
    var perSession = (service.MemoryBytes("VmRSS") - rssBeforeMany) / (double)Kept / 1024;
    Add(new Row("B6", "memory per finished session (RSS growth)", perSession, null, "KiB", "≤ 4 KiB", perSession <= 4));

    Step("B7: B1 on the two-silo PostgreSQL cluster");
    var environment = new Dictionary<string, string>
    {
        ["HOOP_CLUSTER_DIR"] = Path.Combine(work, "cluster"),
        ["HOOP_CLUSTER_ID"] = "bench",
        ["HOOP_PG_PORT"] = ServiceProcess.FreePort().ToString(),
        ["HOOP_NODE_ARGS"] = "--Logging:LogLevel:Default=Warning --Logging:LogLevel:HoopOrleans.Audit=Warning",
    };
    await service.DisposeAsync();
    try
    {
        await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["up"], environment);
        using var front1 = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5101") };
        using var front2 = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5102") };
        async Task ClusterPostAsync(int i)
        {
            using var response = await (i % 2 == 0 ? front1 : front2).PostAsJsonAsync("/api/sessions", new { connection = "bash", script = Echo });
            response.EnsureSuccessStatusCode();
        }

        await Load.RunAsync(400, 16, ClusterPostAsync);
        var (clusterRate, _) = await Load.RunAsync(3000, 16, ClusterPostAsync);
        Add(new Row("B7", "B1 on 2 silos + 2 front ends, PostgreSQL", clusterRate, served, "runs/s", "≥ 0.8 × B1", clusterRate >= 0.8 * served));
    }
    finally
    {
        await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["down", "--purge"], environment);
    }
}

Row.Print(rows);
Directory.Delete(work, recursive: true);

void Add(Row row)
{
    rows.Add(row);
    Console.WriteLine($"  {row.Id} {row.Measurement}: {row.Service:F2} {row.Unit}" + (row.Baseline is { } b ? $" vs {b:F2} (ratio {row.Ratio:F2})" : "") + (row.Pass ? "" : "  FAIL"));
}

static void Step(string what) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {what}");

static void Run(string program, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments))!;
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }
}
