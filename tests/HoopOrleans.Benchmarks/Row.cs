using System.Globalization;

namespace HoopOrleans.Benchmarks;

/// <summary>One line of the results table.</summary>
public sealed record Row(string Id, string Measurement, double Service, double? Baseline, string Unit, string Target, bool Pass)
{
    public double? Ratio => Baseline is { } baseline and not 0 ? Service / baseline : null;

    public static void Print(IEnumerable<Row> rows)
    {
        string Format(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| # | measurement | service | baseline | ratio | target | result |");
        Console.WriteLine($"|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var baseline = row.Baseline is { } b ? $"{Format(b)} {row.Unit}" : "—";
            var ratio = row.Ratio is { } r ? Format(r) : "—";
            Console.WriteLine($"| {row.Id} | {row.Measurement} | {Format(row.Service)} {row.Unit} | {baseline} | {ratio} | {row.Target} | {(row.Pass ? "pass" : "FAIL")} |");
        }
    }
}
