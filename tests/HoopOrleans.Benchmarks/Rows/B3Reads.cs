using HoopOrleans.Benchmarks.Baselines;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B3: GETs of finished sessions against bare Kestrel answering the same bytes, 32 connections.
/// Strict: wrk on both, each warmed for 5 s, then three rounds of 5 s alternating; secondary: the
/// .NET client on both.
/// </summary>
public static class B3Reads
{
    private const int Connections = 32;
    private const string Success = "\"output_status\":\"success\"";

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B3: GET of finished sessions, req/s");
        var ids = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            ids.Add((await bench.PostAsync("bash", Bench.Echo)).GetProperty("session_id").GetString()!);
        }

        var sample = await bench.Client.GetByteArrayAsync($"/api/sessions/{ids[0]}");
        var sampleFile = Path.Combine(bench.Work, "session.json");
        await File.WriteAllBytesAsync(sampleFile, sample);
        await using var bare = await ServiceProcess.StartAsync(typeof(Bench).Assembly.Location, "/", "serve", $"--file={sampleFile}");
        var bareUri = new Uri($"http://127.0.0.1:{bare.Port}");

        var toService = new Wrk(bench.Work, "b3-service", "GET", ids.Select(id => $"/api/sessions/{id}"), null, Success);
        var toBare = new Wrk(bench.Work, "b3-bare", "GET", ["/"], null, Success);
        var warmUp = TimeSpan.FromSeconds(5);
        await toBare.RunAsync(bareUri, Connections, warmUp);
        await toService.RunAsync(bench.ServiceUri, Connections, warmUp);
        var bareRounds = new List<WrkResult>();
        var serviceRounds = new List<WrkResult>();
        for (var round = 0; round < 3; round++)
        {
            bareRounds.Add(await toBare.RunAsync(bareUri, Connections, warmUp));
            serviceRounds.Add(await toService.RunAsync(bench.ServiceUri, Connections, warmUp));
        }

        static double Rate(List<WrkResult> rounds) => rounds.Sum(r => r.Requests) / rounds.Sum(r => r.Seconds);
        static string Rounds(List<WrkResult> rounds) => string.Join(", ", rounds.Select(r => $"{r.PerSecond:F0}"));
        Console.WriteLine($"  wrk rounds, req/s: bare Kestrel {Rounds(bareRounds)}; the service {Rounds(serviceRounds)}; p99 {serviceRounds[^1].LatencyMs.GetValueOrDefault(99):F2} ms against {bareRounds[^1].LatencyMs.GetValueOrDefault(99):F2} ms");

        await Load.RunAsync(5000, Connections, _ => bare.Client.GetByteArrayAsync("/"));
        var (bareRate, _) = await Load.RunAsync(30000, Connections, _ => bare.Client.GetByteArrayAsync("/"));
        await Load.RunAsync(5000, Connections, i => bench.Client.GetByteArrayAsync($"/api/sessions/{ids[i % ids.Count]}"));
        var (getRate, _) = await Load.RunAsync(30000, Connections, i => bench.Client.GetByteArrayAsync($"/api/sessions/{ids[i % ids.Count]}"));

        var (served, baseline) = (Rate(serviceRounds), Rate(bareRounds));
        bench.Add(new Row("B3", "GET /api/sessions/{id}, 32 connections (wrk; baseline bare Kestrel, same bytes)", served, baseline, "req/s", "≥ 0.7 × baseline", served >= 0.7 * baseline)
        {
            Secondary = (getRate, bareRate),
        });
    }
}
