namespace HoopOrleans.Processes.Tests;

/// <summary>
/// A run's place on the node is given back exactly once, whichever way the run ends: a node with
/// room for one run can always start the next.
/// </summary>
public sealed class RunSlotTests(RunnerHarness harness) : IClassFixture<RunnerHarness>
{
    private static RunSpec Spec(string script, string[]? argv = null, TimeSpan? timeout = null) =>
        new(argv ?? RunnerHarness.Bash, RunnerHarness.Environment(), script, timeout ?? TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_run_gives_its_place_back_as_its_program_exits_before_anyone_disposes_the_slot()
    {
        using var runner = harness.Runner(maxRuns: 1);
        var slot = runner.TryReserve()!;

        var outcome = await runner.Start(Spec("exit 0"), slot).Completion;

        Assert.Equal(RunEnding.Exited, outcome.Ending);
        Assert.Equal(0, runner.Running);
        Assert.NotNull(runner.TryReserve());
    }

    [Fact]
    public async Task Every_ending_gives_the_one_place_back_once()
    {
        using var runner = harness.Runner(maxRuns: 1);
        var endings = new List<RunEnding>();

        foreach (var (spec, kill) in new[]
        {
            (Spec("echo fine"), false),
            (Spec("sleep 300"), true),
            (Spec("sleep 300", timeout: TimeSpan.FromMilliseconds(200)), false),
            (Spec("", ["/nonexistent/hoop-program"]), false),
        })
        {
            using var slot = runner.TryReserve();
            Assert.NotNull(slot);
            var run = runner.Start(spec, slot);
            if (kill)
            {
                run.Kill();
            }

            endings.Add((await run.Completion).Ending);
            Assert.Equal(0, runner.Running);
        }

        Assert.Equal([RunEnding.Exited, RunEnding.Killed, RunEnding.TimedOut, RunEnding.NotStarted], endings);
    }

    [Fact]
    public async Task A_start_cancelled_before_it_ran_leaves_the_place_to_its_holder_who_gives_it_back()
    {
        using var runner = harness.Runner(maxRuns: 1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var slot = runner.TryReserve()!;

        // A start queued for the launcher thread that is cancelled before the launcher takes it.
        using var release = new ManualResetEventSlim();
        var backlog = Enumerable.Range(0, Environment.ProcessorCount + 64).Select(_ => Task.Run(release.Wait)).ToList();
        Task<ProcessRun?> start;
        try
        {
            Assert.True(ThreadPool.PendingWorkItemCount > new ProcessRunnerOptions().BacklogWorkItems);
            start = runner.StartAsync(Spec("echo never"), slot, cancelled.Token);
        }
        finally
        {
            release.Set();
        }

        await Task.WhenAll(backlog);
        Assert.Null(await start);
        Assert.Equal(1, runner.Running);
        slot.Dispose();
        slot.Dispose();
        Assert.Equal(0, runner.Running);
    }
}
