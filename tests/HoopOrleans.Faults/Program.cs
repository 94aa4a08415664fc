using System.Diagnostics;

namespace HoopOrleans.Faults;

/// <summary>
/// <c>dotnet run -c Release --project tests/HoopOrleans.Faults</c>: the whole fault suite at full
/// scale, then its figures. Scenario names on the command line (postgres kill drain front restart
/// hostile soak) run only those; <c>--quick</c> runs the CI scale. Exits 1 when any scenario
/// failed: a lost result, a 5xx other than 503, a hang, or a broken expectation.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var scale = args.Contains("--quick") ? Scale.Quick : Scale.Full;
        var only = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.ToLowerInvariant()).ToHashSet();
        var unknown = only.Except(FaultSuite.Names).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown scenario {string.Join(", ", unknown)}; scenarios: {string.Join(' ', FaultSuite.Names)}");
            return 2;
        }

        Console.WriteLine($"fault suite, {scale.Name} scale, {Environment.ProcessorCount} cores");
        var clock = Stopwatch.StartNew();
        var figures = await FaultSuite.RunAsync(scale, only, Console.Out);
        FiguresTable.Print(figures, Console.Out);
        Console.WriteLine($"took {clock.Elapsed.TotalMinutes:F1} min");
        return figures.All(f => f.Passed) ? 0 : 1;
    }
}
