using System.Text.Json;
using HoopOrleans.Benchmarks.Baselines;

namespace HoopOrleans.Benchmarks;

/// <summary>What every row measures with: the embedded service, the benchmark's folder, the table, and the strict baselines' tools.</summary>
public sealed class Bench(ServiceProcess service, string work) : IDisposable
{
    public const string Echo = "echo hello world\n";
    public const string EchoOutput = "hello world\n";

    private readonly List<Row> _rows = [];
    private CSpawner? _spawner;

    public ServiceProcess Service { get; } = service;

    public HttpClient Client => Service.Client;

    public string Work { get; } = work;

    /// <summary>B1's run as the .NET client sends it.</summary>
    public RunRequest EchoRequest { get; } = new("bash", Echo);

    /// <summary>B1's run as wrk sends it: the same body, and the same check of the answer.</summary>
    public string EchoBody { get; } = JsonSerializer.Serialize(new { connection = "bash", script = Echo });

    /// <summary>The C spawner of B1 and B2, built on first use: <c>bash -s</c> fed B1's script.</summary>
    public CSpawner Spawner => _spawner ??= CSpawner.Start(Work, Echo, EchoOutput, "bash", "-s");

    public IReadOnlyList<Row> Rows => _rows;

    public Uri ServiceUri => new($"http://127.0.0.1:{Service.Port}");

    public async Task<JsonElement> PostAsync(string connection, string script, string query = "")
    {
        using var response = await Client.PostAsJsonAsync($"/api/sessions{query}", new { connection, script });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// CPU seconds spent so far: the machine's, this process's (the .NET client, or .NET's direct
    /// starts), the embedded service's, and those of the given roles.
    /// </summary>
    public Dictionary<string, double> CpuSpent(Dictionary<string, double> roles)
    {
        var machine = MachineCpu.Now();
        return new Dictionary<string, double>(roles)
        {
            [Alternation.Machine] = machine.BusySeconds,
            ["kernel interrupts"] = machine.InterruptSeconds,
            ["this process"] = Environment.CpuUsage.TotalTime.TotalSeconds,
            ["the embedded service"] = Service.CpuSeconds(),
        };
    }

    public void Add(Row row)
    {
        _rows.Add(row);
        var secondary = row.Secondary is { } s ? $"; secondary {s.Service:F2} vs {s.Baseline:F2} (ratio {s.Service / s.Baseline:F2})" : "";
        Console.WriteLine($"  {row.Id} {row.Measurement}: {row.Service:F2} {row.Unit}" + (row.Baseline is { } b ? $" vs {b:F2} (ratio {row.Ratio:F2})" : "") + secondary + (row.Pass ? "" : "  FAIL"));
    }

    public static void Step(string what) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {what}");

    public void Dispose() => _spawner?.Dispose();
}
