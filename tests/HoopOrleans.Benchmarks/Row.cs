using System.Globalization;

namespace HoopOrleans.Benchmarks;

/// <summary>
/// One line of the results table: the service against its strict baseline (the C spawner, wrk
/// against bare Kestrel), which decides the result, and where there is one the secondary pair (the
/// service under the .NET client, .NET's Process or the .NET client against bare Kestrel).
/// </summary>
public sealed record Row(string Id, string Measurement, double Service, double? Baseline, string Unit, string Target, bool Pass)
{
    public double? Ratio => Baseline is { } baseline and not 0 ? Service / baseline : null;

    /// <summary>The secondary pair: the service measured as the strict side is not, and the .NET baseline.</summary>
    public (double Service, double Baseline)? Secondary { get; init; }

    public static void Print(IEnumerable<Row> rows)
    {
        static string Format(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| # | measurement | service | strict baseline | ratio | secondary: service / .NET baseline (ratio) | target | result |");
        Console.WriteLine($"|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var baseline = row.Baseline is { } b ? $"{Format(b)} {row.Unit}" : "—";
            var ratio = row.Ratio is { } r ? Format(r) : "—";
            var secondary = row.Secondary is { } s ? $"{Format(s.Service)} / {Format(s.Baseline)} {row.Unit} ({Format(s.Service / s.Baseline)})" : "—";
            Console.WriteLine($"| {row.Id} | {row.Measurement} | {Format(row.Service)} {row.Unit} | {baseline} | {ratio} | {secondary} | {row.Target} | {(row.Pass ? "pass" : "FAIL")} |");
        }
    }
}
