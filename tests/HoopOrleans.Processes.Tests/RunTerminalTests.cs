namespace HoopOrleans.Processes.Tests;

/// <summary>A run is a session of its own, with no controlling terminal, even when the service has one.</summary>
public sealed class RunTerminalTests
{
    [Fact]
    public async Task A_run_has_no_controlling_terminal_even_when_the_service_has_one()
    {
        ControllingTerminal.Ensure();
        // The spawners are started after the terminal was taken, so they are in its session, as a
        // service's are when it was started from a shell: a run that stayed there would have it.
        using var harness = new RunnerHarness();
        const string script = """
            tty
            if exec 3</dev/tty; then echo "/dev/tty opened"; else echo "/dev/tty refused"; fi
            read -r -a stat < /proc/$$/stat
            echo "pid=$$ group=${stat[4]} session=${stat[5]} terminal=${stat[6]}"
            """;

        var outcome = await harness.RunAsync(script);

        Assert.True(ControllingTerminal.Has());
        var lines = RunnerHarness.Text(outcome).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("not a tty", lines[0]);
        Assert.Contains(lines, line => line == "/dev/tty refused");
        Assert.DoesNotContain(lines, line => line == "/dev/tty opened");
        // The run leads its own session and process group (killing the run's group relies on
        // pgid == pid), and has no terminal (tty_nr 0).
        var pid = lines[^1].Split(' ')[0]["pid=".Length..];
        Assert.Equal($"pid={pid} group={pid} session={pid} terminal=0", lines[^1]);
        Assert.Equal((RunEnding.Exited, 0), (outcome.Ending, outcome.ExitCode));
    }
}
