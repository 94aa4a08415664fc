using System.Diagnostics;
using System.Text.Json;
using HoopOrleans.Benchmarks;

// Measures the service against the physical limit in the same run and prints one table.
// `serve` is this program's second role: the bare web server that B3 compares against.
if (args is ["serve", ..])
{
    BareServer.Run(args[1..]);
    return;
}

const string Echo = "echo hello world\n";

// Row ids on the command line (B4 B5 …) run only those rows.
var only = args.Select(a => a.ToUpperInvariant()).Where(a => a.StartsWith('B')).ToHashSet();
bool Want(string id) => only.Count == 0 || only.Contains(id);

// Settings for the service under test (`--Telemetry:Enabled=false` measures what telemetry costs);
// without them it runs as shipped, telemetry on.
var serviceSettings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var work = Directory.CreateTempSubdirectory("hoop-bench-").FullName;

// The cluster's PostgreSQL runs as the postgres user when this runs as root: it must reach its folder.
if (OperatingSystem.IsLinux()) File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
var rows = new List<Row>();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; working in {work}");

Step("building the service (Release)");
Run("dotnet", "build", Path.Combine(RepositoryRoot.Path, "src", "HoopOrleans.Api"), "-c", "Release", "-o", Path.Combine(work, "api"), "-nologo", "-v", "quiet");

await using (var service = await ServiceProcess.StartAsync(
    Path.Combine(work, "api", "HoopOrleans.Api.dll"), "/health",
    [
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:HoopOrleans.Audit=Warning",
        $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
        "--Connections:true:Command:0=true", .. serviceSettings,
    ]))
{
    var client = service.Client;
    async Task<JsonElement> PostAsync(string connection, string script, string query = "")
    {
        using var response = await client.PostAsJsonAsync($"/api/sessions{query}", new { connection, script });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    var echo = new RunRequest("bash", Echo);

    // CPU seconds spent so far: the machine's, this process's (the client, or the direct starts), the
    // embedded service's, and those of the given roles.
    Dictionary<string, double> CpuSpent(Dictionary<string, double> roles)
    {
        var machine = MachineCpu.Now();
        return new Dictionary<string, double>(roles)
        {
            [Alternation.Machine] = machine.BusySeconds,
            ["kernel interrupts"] = machine.InterruptSeconds,
            ["this process"] = Environment.CpuUsage.TotalTime.TotalSeconds,
            ["the embedded service"] = service.CpuSeconds(),
        };
    }
    Step("warming up");
    await WarmUp.RunAsync("the service", _ => echo.PostAsync(client));
    await WarmUp.RunAsync("direct starts", _ => DirectStart.RunAsync(Echo));

    if (Want("B1"))
    {
        Step("B1: runs/s, 16 concurrent clients");

        var (direct, embedded) = await Alternation.RunAsync(_ => DirectStart.RunAsync(Echo), _ => echo.PostAsync(client), () => CpuSpent([]));
        Console.WriteLine($"  machine CPU per run: {embedded.Describe("served")}; {direct.Describe("started directly")}");
        Add(new Row("B1", "`echo hello world`, 16 clients", embedded.PerSecond, direct.PerSecond, "runs/s", "≥ 0.95 × baseline", embedded.PerSecond >= 0.95 * direct.PerSecond));
    }

    if (Want("B8"))
    {
        Step("B8: hoop exec over gRPC against B1's POSTs, runs/s, 16 concurrent clients");
        using var hoop = new HoopExecLoad(service.GrpcPort, clients: 16, "bash", Echo, "hello world\n");
        await WarmUp.RunAsync("hoop exec", _ => hoop.RunAsync());
        var (grpc, posted) = await Alternation.RunAsync(_ => hoop.RunAsync(), _ => echo.PostAsync(client), () => CpuSpent([]));
        Console.WriteLine($"  machine CPU per run: {grpc.Describe("over gRPC")}; {posted.Describe("POSTed")}");
        Console.WriteLine($"  failed runs over gRPC: {hoop.Failed}" + (hoop.FirstFailure is { } why ? $", the first: {why}" : ""));
        Add(new Row("B8", "`hoop exec` of B1's script over gRPC, 16 clients (baseline: B1's POSTs)", grpc.PerSecond, posted.PerSecond, "runs/s", "all succeed, ≥ 0.9 × baseline", hoop.Failed == 0 && grpc.PerSecond >= 0.9 * posted.PerSecond));
    }

    if (Want("B2"))
    {
        Step("B2: added latency, one client");

        // Alternately, so that both see the same machine: a burst of noise hits both or neither.
        var directLatency = new List<double>();
        var servedLatency = new List<double>();
        for (var i = 0; i < 600; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await DirectStart.RunAsync(Echo);
            directLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await echo.PostAsync(client);
            servedLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine($"  direct start p50 {Stats.Percentile(directLatency, 50):F2} ms, p99 {Stats.Percentile(directLatency, 99):F2} ms; POST p50 {Stats.Percentile(servedLatency, 50):F2} ms, p99 {Stats.Percentile(servedLatency, 99):F2} ms");
        var p50 = Stats.Percentile(servedLatency, 50) - Stats.Percentile(directLatency, 50);
        var p99 = Stats.Percentile(servedLatency, 99) - Stats.Percentile(directLatency, 99);
        Add(new Row("B2", "added latency p50 (POST − direct start)", p50, null, "ms", "≤ 1.5 ms", p50 <= 1.5));
        Add(new Row("B2", "added latency p99 (POST − direct start)", p99, null, "ms", "≤ 5 ms", p99 <= 5));
    }

    if (Want("B3"))
    {
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
    }

    if (Want("B5"))
    {
        Step("B5: a run writing 1 GiB with the 4 MiB cap");

        // One small truncated run first, so the first measured one does not pay for the JIT; then
        // the median of three of each, taken alternately.
        await PostAsync("bash", "head -c 67108864 /dev/zero", "?wait=300");
        var rssBefore = service.MemoryBytes("VmRSS");
        var hwmBefore = service.MemoryBytes("VmHWM");
        var servedTimes = new List<double>();
        var directTimes = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            // Read as bytes, as curl would: parsing 24 MB of escaped NULs is the client's cost, not the service's.
            using (var response = await client.PostAsJsonAsync("/api/sessions?wait=300", new { connection = "bash", script = "head -c 1073741824 /dev/zero" }))
            {
                var body = await response.Content.ReadAsByteArrayAsync();
                servedTimes.Add(clock.Elapsed.TotalSeconds);
                if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.AsSpan().EndsWith("\"truncated\":true}"u8))
                {
                    throw new InvalidOperationException("the 1 GiB run did not finish truncated at the cap");
                }
            }

            clock.Restart();
            Run("bash", "-c", "head -c 1073741824 /dev/zero | cat > /dev/null");
            directTimes.Add(clock.Elapsed.TotalSeconds);
        }

        var servedSeconds = Stats.Percentile(servedTimes, 50);
        var directSeconds = Stats.Percentile(directTimes, 50);
        var growth = Math.Max(0, service.MemoryBytes("VmHWM") - Math.Max(hwmBefore, rssBefore)) / 1048576.0;
        Add(new Row("B5", "1 GiB of output, throughput (median of 3)", 1024 / servedSeconds, 1024 / directSeconds, "MiB/s", "≥ 0.5 × baseline", servedSeconds <= 2 * directSeconds));
        Add(new Row("B5", "1 GiB of output, peak RSS growth", growth, null, "MiB", "≤ 64 MiB", growth <= 64));
    }

    if (Want("B4"))
    {
        Step("B4: 2,000 runs of `sleep 60` started at once");

        // Each request on a connection of its own, as 2,000 separate clients would arrive; the
        // baseline is bare Kestrel answering the same 202 body to the same burst.
        var accepted = Path.Combine(work, "accepted.json");
        using (var sample202 = await client.PostAsJsonAsync("/api/sessions?wait=0", new { connection = "true", script = "" }))
        {
            await File.WriteAllBytesAsync(accepted, await sample202.Content.ReadAsByteArrayAsync());
        }

        const string Sleeper = """{"connection":"bash","script":"sleep 60"}""";
        List<double> burstBaseline;
        await using (var bare = await ServiceProcess.StartAsync(typeof(Program).Assembly.Location, "/", "serve", $"--file={accepted}"))
        {
            var toBare = new BurstPost(bare.Port, "/", Sleeper);
            (_, burstBaseline) = await Load.RunAsync(2000, 2000, _ => toBare.SendAsync());
        }

        var burst = new BurstPost(service.Port, "/api/sessions?wait=0", Sleeper);
        var rssBeforeSleep = service.MemoryBytes("VmRSS");
        var answered = 0;
        var burstStarted = CpuSpent([]);
        var (burstRate, sleepLatency) = await Load.RunAsync(2000, 2000, async _ =>
        {
            if (await burst.SendAsync() == StatusCodes.Status202Accepted)
            {
                Interlocked.Increment(ref answered);
            }
        });
        var burstSpent = CpuSpent([]).ToDictionary(a => a.Key, a => a.Value - burstStarted[a.Key]);
        var perSleeper = (service.MemoryBytes("VmRSS") - rssBeforeSleep) / 2000.0 / 1024;
        // Both numbers of the row are taken at the last answer, but runs start after the answers: how
        // many had started then, and what the sessions hold once every run has.
        var startedByLastAnswer = service.ChildrenRunning("bash");
        var untilRunning = Stopwatch.StartNew();
        while (service.ChildrenRunning("bash") < 2000 && untilRunning.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        var perRunning = (service.MemoryBytes("VmRSS") - rssBeforeSleep) / 2000.0 / 1024;
        Console.WriteLine($"  runs started by the last answer: {startedByLastAnswer}; {service.ChildrenRunning("bash")} running {untilRunning.Elapsed.TotalSeconds:F1} s later, when the RSS growth was {perRunning:F2} KiB per session");
        var sleepP99 = Stats.Percentile(sleepLatency, 99);
        var bareP99 = Stats.Percentile(burstBaseline, 99);
        Console.WriteLine($"  answers: {answered} accepted; p50 {Stats.Percentile(sleepLatency, 50):F0} ms, p90 {Stats.Percentile(sleepLatency, 90):F0} ms, max {sleepLatency.Max():F0} ms; bare Kestrel p50 {Stats.Percentile(burstBaseline, 50):F0} ms");
        Console.WriteLine($"  CPU during the burst's {2000 / burstRate:F2} s: " + string.Join(", ", burstSpent.Select(a => $"{a.Key} {a.Value:F2} s")));
        Add(new Row("B4", "2,000 `sleep 60` at once, p99 answer (baseline: bare Kestrel, same burst)", sleepP99, bareP99, "ms", "all answered, ≤ 1000 ms", answered == 2000 && sleepP99 <= 1000));
        Add(new Row("B4", "memory per running session (RSS growth)", perSleeper, null, "KiB", "≤ 64 KiB", perSleeper <= 64));
    }

    if (Want("B6"))
    {
        // Every session is a process start, and this machine starts a few hundred a second: 100,000 would
        // take most of ten minutes, so the cost per session is measured over 20,000 (it grows linearly).
        const int Kept = 20_000;
        Step($"B6: {Kept:N0} finished sessions kept in memory");
        var rssBeforeMany = service.MemoryBytes("VmRSS");
        var nothing = new RunRequest("true", "");
        await Load.RunAsync(Kept, 16, _ => nothing.PostAsync(client));
        var perSession = (service.MemoryBytes("VmRSS") - rssBeforeMany) / (double)Kept / 1024;
        Add(new Row("B6", "memory per finished session (RSS growth)", perSession, null, "KiB", "≤ 4 KiB", perSession <= 4));
    }

    if (Want("B7"))
    {
        Step("B7: B1 on the two-silo PostgreSQL cluster");
        var environment = new Dictionary<string, string>
        {
            ["HOOP_CLUSTER_DIR"] = Path.Combine(work, "cluster"),
            ["HOOP_CLUSTER_ID"] = "bench",
            ["HOOP_PG_PORT"] = FreePorts.Next().ToString(),
            ["HOOP_NODE_ARGS"] = "--Logging:LogLevel:Default=Warning --Logging:LogLevel:HoopOrleans.Audit=Warning",
        };
        try
        {
            // The embedded service stays up, idle while the cluster runs: B7's baseline is measured
            // again here, in rounds alternating with the cluster's, like B1's.
            await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["up"], environment);
            using var front1 = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5101") };
            using var front2 = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5102") };
            Task ClusterPostAsync(int i) => echo.PostAsync(i % 2 == 0 ? front1 : front2);

            await WarmUp.RunAsync("the cluster", ClusterPostAsync);
            var (embedded, cluster) = await Alternation.RunAsync(_ => echo.PostAsync(client), ClusterPostAsync, () => CpuSpent(ProcessCpu.ByRole(otherThan: service.Pid)));
            Console.WriteLine($"  machine CPU per run: {cluster.Describe("on the cluster")}; {embedded.Describe("embedded")}");
            Add(new Row("B7", "B1 on 2 silos + 2 front ends, PostgreSQL", cluster.PerSecond, embedded.PerSecond, "runs/s", "≥ 0.8 × B1", cluster.PerSecond >= 0.8 * embedded.PerSecond));
        }
        finally
        {
            await ScriptRunner.RunAsync("deploy/local/cluster.sh", ["down", "--purge"], environment);
        }
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
