using System.Diagnostics;

namespace HoopOrleans.Faults;

/// <summary>Waits for a condition by checking it, with a deadline that names what did not happen.</summary>
public static class Until
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    public static Task HoldsAsync(string what, Func<bool> condition, TimeSpan? limit = null) =>
        HoldsAsync(what, () => Task.FromResult(condition()), limit);

    public static async Task HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = limit ?? TimeSpan.FromMinutes(2);
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"not within {deadline.TotalSeconds:F0} s: {what}");
            }

            await Task.Delay(Step);
        }
    }
}
