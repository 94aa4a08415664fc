using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HoopOrleans.Benchmarks.Baselines;

/// <summary>
/// The strict load client of B1, B3 and B7: wrk (Debian's package) with <c>load.lua</c>, the same for
/// the service and for bare Kestrel. A load written in C leaves the cores to what it measures, where
/// the .NET client (kept as the secondary column) takes a share of them.
/// </summary>
public sealed partial class Wrk
{
    private readonly string _arguments;

    /// <param name="paths">The request paths, sent in turn.</param>
    /// <param name="body">The JSON body of every request, or null for none.</param>
    /// <param name="expected">Bytes every successful answer contains.</param>
    public Wrk(string work, string name, string method, IEnumerable<string> paths, string? body, string expected)
    {
        var pathsFile = Path.Combine(work, $"wrk-{name}.paths");
        File.WriteAllLines(pathsFile, paths);
        var bodyFile = "-";
        if (body is not null)
        {
            bodyFile = Path.Combine(work, $"wrk-{name}.body");
            File.WriteAllText(bodyFile, body);
        }

        var expectedFile = Path.Combine(work, $"wrk-{name}.expected");
        File.WriteAllText(expectedFile, expected);
        var script = Path.Combine(AppContext.BaseDirectory, "Baselines", "load.lua");
        _arguments = $"-s {script} {{0}} -- {method} {pathsFile} {bodyFile} {expectedFile}";
    }

    /// <summary>Why the load rows cannot run, naming the package, when wrk is not installed; null when it is.</summary>
    public static string? Missing() => Tools.OnPath("wrk")
        ? null
        : "wrk is not installed: the load rows B1, B3 and B7 measure with it (Debian: apt-get install wrk). Other rows run without it, e.g. `-- B2 B4 B5 B6`.";

    /// <summary>Loads <paramref name="server"/> from <paramref name="connections"/> connections for <paramref name="duration"/>; every answer must succeed.</summary>
    public async Task<WrkResult> RunAsync(Uri server, int connections, TimeSpan duration, int threads = 2)
    {
        var start = new ProcessStartInfo("wrk",
            $"-t{threads} -c{connections} -d{(int)duration.TotalSeconds}s --timeout 30s --latency " + string.Format(CultureInfo.InvariantCulture, _arguments, server))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var totals = TotalsLine().Match(text);
        var failed = FailedLine().Match(text);
        if (process.ExitCode != 0 || !totals.Success || !failed.Success)
        {
            throw new InvalidOperationException($"wrk against {server} failed ({process.ExitCode}): {text} {await errors}");
        }

        var result = new WrkResult(
            long.Parse(totals.Groups[1].Value, CultureInfo.InvariantCulture),
            ToMs(totals.Groups[2].Value, totals.Groups[3].Value) / 1000,
            long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture),
            PercentileLine().Matches(text).ToDictionary(
                m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                m => ToMs(m.Groups[2].Value, m.Groups[3].Value)));
        var socketErrors = SocketErrorsLine().Match(text);
        if (result.Failed != 0 || socketErrors.Success)
        {
            throw new InvalidOperationException($"wrk against {server}: {result.Failed} answers failed; {socketErrors.Value}");
        }

        return result;
    }

    private static double ToMs(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => throw new FormatException($"wrk's unit {unit}"),
    };

    // "  12345 requests in 10.00s, 1.23MB read"
    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex TotalsLine();

    // "     99%    1.23ms" under "Latency Distribution"
    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"^failed (\d+)$", RegexOptions.Multiline)]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"Socket errors: [^\n]*")]
    private static partial Regex SocketErrorsLine();
}
