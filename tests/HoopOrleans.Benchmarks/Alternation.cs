namespace HoopOrleans.Benchmarks;

/// <summary>
/// Two loads measured in alternating rounds, so that a slow spell of this virtual machine hits both
/// alike, with where each one's CPU went.
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

    /// <param name="accounts">CPU seconds spent so far, by account; <see cref="Machine"/> among them.</param>
    public static async Task<(Side First, Side Second)> RunAsync(Func<int, Task> first, Func<int, Task> second, Func<IReadOnlyDictionary<string, double>> accounts)
    {
        var seconds = new double[2];
        var spent = new[] { new Dictionary<string, double>(), new Dictionary<string, double>() };
        var loads = new[] { first, second };
        for (var round = 0; round < Rounds; round++)
        {
            for (var side = 0; side < 2; side++)
            {
                var before = accounts();
                var (rate, _) = await Load.RunAsync(PerRound, Concurrency, loads[side]);
                var after = accounts();
                seconds[side] += PerRound / rate;
                foreach (var (account, value) in after)
                {
                    spent[side][account] = spent[side].GetValueOrDefault(account) + value - before[account];
                }
            }
        }

        const int Runs = Rounds * PerRound;
        Side Result(int side) => new(Runs / seconds[side], spent[side].ToDictionary(a => a.Key, a => a.Value * 1000 / Runs));
        return (Result(0), Result(1));
    }
}
