using HoopOrleans.Benchmarks.Baselines;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>
/// B1: runs per second with 16 in flight. Strict: wrk's 16 connections POSTing against the C
/// spawner's 16 posix_spawns; secondary: the .NET client against .NET's Process. The four loads
/// alternate round by round, so each sees the same machine.
/// </summary>
public static class B1Throughput
{
    private const int InFlight = 16;

    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B1: runs/s, 16 in flight");
        var wrk = new Wrk(bench.Work, "b1", "POST", ["/api/sessions"], bench.EchoBody, "\"output_status\":\"success\"");
        await wrk.RunAsync(bench.ServiceUri, InFlight, TimeSpan.FromSeconds(5));
        await bench.Spawner.RunAsync(1000, InFlight);

        var sides = await Alternation.RunAsync(
            [
                async () => (500, await bench.Spawner.RunAsync(500, InFlight)),
                async () =>
                {
                    var round = await wrk.RunAsync(bench.ServiceUri, InFlight, TimeSpan.FromSeconds(1));
                    return (round.Requests, round.Seconds);
                },
                Alternation.Counted(_ => DirectStart.RunAsync(Bench.Echo)),
                Alternation.Counted(_ => bench.EchoRequest.PostAsync(bench.Client)),
            ],
            () => bench.CpuSpent([]));
        var (spawner, served, process, client) = (sides[0], sides[1], sides[2], sides[3]);
        Console.WriteLine($"  machine CPU per run: {served.Describe("served under wrk")}; {spawner.Describe("spawned from C")}");
        Console.WriteLine($"  secondary: {client.Describe("served to the .NET client")}; {process.Describe("started by .NET's Process")}");
        bench.Add(new Row("B1", "`echo hello world`, 16 in flight (wrk ÷ C posix_spawn)", served.PerSecond, spawner.PerSecond, "runs/s", "≥ 0.95 × baseline", served.PerSecond >= 0.95 * spawner.PerSecond)
        {
            Secondary = (client.PerSecond, process.PerSecond),
        });
    }
}
