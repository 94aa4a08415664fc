namespace HoopOrleans.Benchmarks;

/// <summary>
/// Runs a load until tiered compilation has settled: after 400 runs the JIT still took a fifth of a
/// fresh process's CPU, and a silo of the cluster sees half the runs. Rounds of 1,000 runs, until the
/// machine's CPU per run moves by less than 3% from one round to the next (at most 8 rounds).
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(string what, Func<int, Task> operation)
    {
        const int Round = 1000;
        var previous = double.MaxValue;
        for (var round = 1; round <= 8; round++)
        {
            var before = MachineCpu.Now();
            await Load.RunAsync(Round, 16, operation);
            var perRun = (MachineCpu.Now() - before).BusySeconds * 1000 / Round;
            if (Math.Abs(previous - perRun) < 0.03 * perRun)
            {
                Console.WriteLine($"  {what}: steady after {round * Round:N0} runs ({perRun:F2} ms of machine CPU per run)");
                return;
            }

            previous = perRun;
        }

        Console.WriteLine($"  {what}: still moving after 8,000 runs ({previous:F2} ms of machine CPU per run); measuring anyway");
    }
}
