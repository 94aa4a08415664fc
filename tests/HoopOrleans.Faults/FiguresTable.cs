namespace HoopOrleans.Faults;

/// <summary>The suite's report: one row per scenario and a line of totals, as a Markdown table.</summary>
public static class FiguresTable
{
    public static void Print(IReadOnlyList<Figure> figures, TextWriter to)
    {
        to.WriteLine();
        to.WriteLine("| scenario | faults injected | requests | 503s | other 5xx | bad inputs | results lost | notable figure | result |");
        to.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            to.WriteLine($"| {f.Scenario} | {f.FaultsInjected} | {f.Requests:N0} | {f.Unavailable:N0} | {f.OtherServerErrors} | {f.BadInputs:N0} | {f.ResultsLost} | {f.Notable} | {(f.Passed ? "pass" : "FAIL")} |");
        }

        to.WriteLine();
        to.WriteLine($"faults survived: {figures.Where(f => f.Passed).Sum(f => f.FaultsInjected)} of {figures.Sum(f => f.FaultsInjected)}, " +
            $"bad inputs tried: {figures.Sum(f => f.BadInputs):N0}, results lost: {figures.Sum(f => f.ResultsLost)}, " +
            $"other 5xx: {figures.Sum(f => f.OtherServerErrors)}");
        foreach (var failed in figures.Where(f => !f.Passed))
        {
            to.WriteLine($"FAILED {failed.Scenario}:");
            foreach (var why in failed.Failures)
            {
                to.WriteLine("  " + why);
            }
        }
    }
}
