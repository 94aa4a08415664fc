using Microsoft.Extensions.Logging.Abstractions;

namespace HoopOrleans.Processes.Tests;

public sealed class OrphanGuardTests
{
    [Fact]
    public async Task When_the_node_goes_away_its_runs_and_their_escaped_children_are_killed()
    {
        using var loop = new ProcessEventLoop();
        var guard = new OrphanGuard(loop, NullLogger<OrphanGuard>.Instance);
        using var launcher = new RunLauncher(loop, NullLogger<RunLauncher>.Instance);
        var runner = new ProcessRunner(loop, guard, launcher, new RunnerLimits(MaxConcurrentRuns: 4096, MaxOutputBytes: 4 * 1024 * 1024));
        var pidFile = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        using var slot = runner.TryReserve()!;

        // The grandchild leaves the run's process group and session, so only the guard can find it.
        var run = runner.Start(new RunSpec(
            RunnerHarness.Bash,
            RunnerHarness.Environment(),
            $"setsid sleep 300 < /dev/null > /dev/null 2>&1 & echo $! > {pidFile}; sleep 300",
            TimeSpan.FromMinutes(5)), slot);
        var escaped = await ProcessProbe.ReadPidAsync(pidFile);

        guard.Dispose();
        var outcome = await run.Completion;

        Assert.Equal(137, outcome.ExitCode);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(escaped), $"escaped child {escaped} outlived its node");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Runs_carry_the_guard_marker_and_nothing_else_of_the_service()
    {
        using var harness = new RunnerHarness();

        var outcome = await harness.RunAsync($"echo \"${{{OrphanGuard.Variable}:+marked}}\"");

        Assert.Equal("marked\n", RunnerHarness.Text(outcome));
    }
}
