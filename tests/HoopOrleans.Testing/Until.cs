using System.Diagnostics;

namespace HoopOrleans.Testing;

/// <summary>
/// Waits for a condition nothing signals (a row in a table, a process gone from /proc, a grain's
/// activation gone) by checking it until it holds or a deadline passes. Where the code under test
/// does signal (a line of output, an answer, a process's exit), tests await that instead.
/// </summary>
/// <remarks>
/// One helper for the test projects, the fault suite and the benchmarks, which do not all reference
/// Orleans' test host (whose <c>TestingUtils.WaitUntilAsync</c> does the same for one of them).
/// Checks start 10 ms apart, so a condition that holds soon is seen soon, and back off to 100 ms
/// apart, so a long wait costs the machine little. The deadline is generous: a wait that succeeds
/// never takes longer for it, and a loaded machine must not fail a test.
/// </remarks>
public static class Until
{
    /// <summary>How long <see cref="HoldsAsync(string, Func{Task{bool}}, TimeSpan?)"/> waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstStep = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestStep = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc cref="HoldsAsync(string, Func{Task{bool}}, TimeSpan?)"/>
    public static Task HoldsAsync(string what, Func<bool> condition, TimeSpan? limit = null) =>
        HoldsAsync(what, () => Task.FromResult(condition()), limit);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> that
    /// names <paramref name="what"/> did not happen when it has not within <paramref name="limit"/>
    /// (<see cref="DefaultLimit"/> unless given).
    /// </summary>
    public static async Task HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = limit ?? DefaultLimit;
        if (!await HeldWithinAsync(deadline, condition))
        {
            throw new TimeoutException($"not within {deadline.TotalSeconds:F0} s: {what}");
        }
    }

    /// <inheritdoc cref="HeldWithinAsync(TimeSpan, Func{Task{bool}})"/>
    public static Task<bool> HeldWithinAsync(TimeSpan limit, Func<bool> condition) =>
        HeldWithinAsync(limit, () => Task.FromResult(condition()));

    /// <summary>
    /// Whether <paramref name="condition"/> held within <paramref name="limit"/>, for a caller that
    /// judges a timeout itself; the condition is checked a last time once the limit has passed.
    /// </summary>
    public static async Task<bool> HeldWithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        var step = FirstStep;
        while (!await condition())
        {
            if (waited.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(step);
            step = TimeSpan.FromTicks(Math.Min(step.Ticks * 2, LongestStep.Ticks));
        }

        return true;
    }
}
