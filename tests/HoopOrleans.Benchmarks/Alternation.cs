namespace HoopOrleans.Benchmarks;

/// <summary>
/// Loads measured in alternating rounds, so that a slow spell of this virtual machine hits all of
/// them alike, with where each one's CPU went.
/// </summary>
public static class Alternation
{
    private const int Rounds = 6;
    private const int PerRound = 500;
    private const int Concurrency = 16;

    /// <summary>Operations per second, and the CPU milliseconds per operation of each account.</summary>
    public sealed record Side(double PerSecond, IReadOnlyDictionary<string, double> CpuMsPerRun)
    {
        /// <summary>One line: the machine's CPU per run, then each account's, then what no account covers.</summary>
        public string Describe(string what)
        {
            var machine = CpuMsPerRun[Machine];
            var parts = CpuMsPerRun.Where(a => a.Key != Machine).Select(a => $"{a.Key} {a.Value:F2} ms");
            return $"{machine:F2} ms {what} ({string.Join(", ", parts)}, the programs and the rest {machine - CpuMsPerRun.Where(a => a.Key != Machine).Sum(a => a.Value):F2} ms)";
        }
    }

    /// <summary>The account every other one is part of.</summary>
    public const string Machine = "machine";

    /// <summary>One round of a load: how many operations it made and the seconds they took.</summary>
    public delegate Task<(long Operations, double Seconds)> RoundAsync();

    /// <summary>A round of 500 operations from 16 concurrent workers in this process.</summary>
    public static RoundAsync Counted(Func<int, Task> operation) => async () =>
    {
        var (rate, _) = await Load.RunAsync(PerRound, Concurrency, operation);
        return (PerRound, PerRound / rate);
    };

    /// <summary>Two loads of 500 operations a round from 16 workers of this process.</summary>
    public static async Task<(Side First, Side Second)> RunAsync(Func<int, Task> first, Func<int, Task> second, Func<IReadOnlyDictionary<string, double>> accounts)
    {
        var sides = await RunAsync([Counted(first), Counted(second)], accounts);
        return (sides[0], sides[1]);
    }

    /// <param name="accounts">CPU seconds spent so far, by account; <see cref="Machine"/> among them.</param>
    public static async Task<Side[]> RunAsync(RoundAsync[] loads, Func<IReadOnlyDictionary<string, double>> accounts)
    {
        var seconds = new double[loads.Length];
        var operations = new long[loads.Length];
        var spent = loads.Select(_ => new Dictionary<string, double>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var side = 0; side < loads.Length; side++)
            {
                var before = accounts();
                var (count, took) = await loads[side]();
                var after = accounts();
                seconds[side] += took;
                operations[side] += count;
                foreach (var (account, value) in after)
                {
                    spent[side][account] = spent[side].GetValueOrDefault(account) + value - before[account];
                }
            }
        }

        return [.. loads.Select((_, side) => new Side(operations[side] / seconds[side], spent[side].ToDictionary(a => a.Key, a => a.Value * 1000 / operations[side])))];
    }
}
