using System.Text;

namespace HoopOrleans.Processes.Tests;

public sealed class ProcessRunnerTests(RunnerHarness harness) : IClassFixture<RunnerHarness>
{
    [Fact]
    public async Task Runs_the_script_from_stdin_and_reports_success()
    {
        var outcome = await harness.RunAsync("echo hello world");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("hello world\n", RunnerHarness.Text(outcome));
        Assert.False(outcome.Truncated);
        Assert.Equal(RunEnding.Exited, outcome.Ending);
    }

    [Theory]
    [InlineData("exit 3", 3)]
    [InlineData("exit 255", 255)]
    [InlineData("kill -TERM $$", 143)]
    [InlineData("kill -KILL $$", 137)]
    [InlineData("no_such_command_for_hoop_tests", 127)]
    public async Task Reports_the_process_exit_code_and_128_plus_the_signal(string script, int exitCode)
    {
        var outcome = await harness.RunAsync(script);

        Assert.Equal((RunEnding.Exited, exitCode), (outcome.Ending, outcome.ExitCode));
    }

    [Fact]
    public async Task A_program_is_found_on_the_runs_own_path_not_the_services()
    {
        var folder = Directory.CreateTempSubdirectory("hoop-path-").FullName;
        var program = Path.Combine(folder, "hoop-only-here");
        await File.WriteAllTextAsync(program, "#!/bin/sh\necho found me\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var runner = harness.Runner();
        using var slot = runner.TryReserve()!;

        var found = await runner.Start(new RunSpec(["hoop-only-here"], RunnerHarness.Environment(new Dictionary<string, string> { ["PATH"] = $"{folder}:/usr/bin:/bin" }), "", TimeSpan.FromMinutes(1)), slot).Completion;
        var missing = await harness.RunAsync("", ["hoop-only-here"]);
        Directory.Delete(folder, recursive: true);

        Assert.Equal("found me\n", RunnerHarness.Text(found));
        Assert.Equal((RunEnding.NotStarted, null), (missing.Ending, missing.ExitCode));
    }

    [Fact]
    public async Task A_program_that_cannot_be_started_ends_as_not_started_saying_why()
    {
        var outcome = await harness.RunAsync("", ["/nonexistent/hoop-program"]);

        Assert.Equal((RunEnding.NotStarted, null), (outcome.Ending, outcome.ExitCode));
        Assert.Contains("No such file or directory", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task Stdout_and_stderr_are_interleaved_in_the_order_they_were_written()
    {
        var outcome = await harness.RunAsync("for i in $(seq 1 300); do echo out$i; echo err$i >&2; done");

        var expected = string.Concat(Enumerable.Range(1, 300).Select(i => $"out{i}\nerr{i}\n"));
        Assert.Equal(expected, RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task Arguments_reach_the_program_verbatim_without_any_shell_parsing()
    {
        string[] args = ["$HOME;rm -rf x", "`touch /tmp/hoop-pwned`", "a b  c", "'quoted' \"double\"", "$(id)", "é漢字", "*", ""];

        var outcome = await harness.RunAsync("for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done", [.. RunnerHarness.Bash, .. args]);

        Assert.Equal(string.Concat(args.Select(a => $"[{a}]\n")), RunnerHarness.Text(outcome));
        Assert.False(File.Exists("/tmp/hoop-pwned"));
    }

    [Fact]
    public async Task Output_beyond_the_cap_is_drained_and_dropped_so_a_200_MB_writer_finishes()
    {
        var runner = harness.Runner(maxOutputBytes: 1000);

        var outcome = await harness.RunAsync("head -c 200000000 /dev/zero; echo done >&2", runner: runner);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(1000, outcome.Output.Length);
        Assert.True(outcome.Truncated);
    }

    [Fact]
    public async Task Megabytes_of_output_under_the_cap_are_kept_byte_for_byte()
    {
        var outcome = await harness.RunAsync("seq 1 400000");

        var expected = string.Concat(Enumerable.Range(1, 400_000).Select(i => $"{i}\n"));
        Assert.Equal(expected.Length, outcome.Output.Length);
        Assert.Equal(expected, RunnerHarness.Text(outcome));
        Assert.False(outcome.Truncated);
    }

    [Fact]
    public async Task Hundreds_of_quiet_runs_at_once_all_finish_with_their_own_output()
    {
        var runner = harness.Runner(maxRuns: 300);
        var runs = Enumerable.Range(0, 300).Select(i => harness.Start($"sleep 1; echo run{i}", runner: runner)).ToList();

        var outcomes = await Task.WhenAll(runs.Select(r => r.Completion));

        Assert.All(outcomes.Select((o, i) => (o, i)), x => Assert.Equal($"run{x.i}\n", RunnerHarness.Text(x.o)));
    }

    [Theory]
    [InlineData("printf abcdef", false)]
    // The last byte comes after the buffer is full, on its own read: dropped, and counted as truncation.
    [InlineData("printf abcdef; sleep 0.2; printf g", true)]
    public async Task Output_is_truncated_only_when_a_byte_goes_past_the_cap(string script, bool truncated)
    {
        var runner = harness.Runner(maxOutputBytes: 6);

        var outcome = await harness.RunAsync(script, runner: runner);

        Assert.Equal("abcdef", RunnerHarness.Text(outcome));
        Assert.Equal(truncated, outcome.Truncated);
    }

    [Fact]
    public async Task Invalid_utf8_output_is_kept_as_the_bytes_written()
    {
        var outcome = await harness.RunAsync("printf '\\xff\\xfe ok'");

        Assert.Equal(new byte[] { 0xff, 0xfe, (byte)' ', (byte)'o', (byte)'k' }, outcome.Output);
    }

    [Fact]
    public async Task A_large_script_is_fed_whole_through_stdin()
    {
        var script = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            script.Append(": padding line ").Append(i).Append('\n');
        }

        script.Append("echo end");

        var outcome = await harness.RunAsync(script.ToString());

        Assert.Equal("end\n", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task A_program_that_never_reads_stdin_still_finishes()
    {
        var outcome = await harness.RunAsync(new string('x', 1_000_000), ["true"]);

        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task Signal_dispositions_are_reset_so_sigpipe_ends_a_writer()
    {
        var outcome = await harness.RunAsync("yes | head -n 1; echo \"${PIPESTATUS[0]}\"");

        Assert.Equal("y\n141\n", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task Only_the_given_environment_reaches_the_program_nothing_else_of_the_service()
    {
        Environment.SetEnvironmentVariable("HOOP_TEST_SERVICE_SECRET", "do-not-leak");
        var environment = RunnerHarness.Environment(new Dictionary<string, string> { ["GREETING"] = "hi there" });
        var runner = harness.Runner();
        using var slot = runner.TryReserve()!;

        var outcome = await runner.Start(new RunSpec(RunnerHarness.Bash, environment, "echo \"$GREETING|${HOOP_TEST_SERVICE_SECRET:-unset}|${PATH:+path}\"", TimeSpan.FromMinutes(1)), slot).Completion;

        Assert.Equal("hi there|unset|path\n", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_ended_as_timed_out()
    {
        var outcome = await harness.RunAsync("sleep 60", timeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal((RunEnding.TimedOut, null), (outcome.Ending, outcome.ExitCode));
    }

    [Fact]
    public async Task Kill_ends_the_whole_process_tree()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var run = harness.Start($"sleep 300 & echo $! > {pidFile}; wait");
        var child = await ProcessProbe.ReadPidAsync(pidFile);

        run.Kill();
        var outcome = await run.Completion;

        Assert.Equal((RunEnding.Killed, null), (outcome.Ending, outcome.ExitCode));
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child), $"background child {child} outlived the kill");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Processes_left_behind_by_the_script_end_with_it()
    {
        var outcome = await harness.RunAsync("sleep 300 & echo $!");

        var child = int.Parse(RunnerHarness.Text(outcome).Trim());
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child), $"background child {child} outlived the run");
    }

    [Fact]
    public void Places_are_limited_and_given_back()
    {
        var runner = harness.Runner(maxRuns: 2);

        var first = runner.TryReserve();
        var second = runner.TryReserve();
        var third = runner.TryReserve();
        first!.Dispose();
        first.Dispose();
        var again = runner.TryReserve();

        Assert.NotNull(second);
        Assert.Null(third);
        Assert.NotNull(again);
        Assert.Equal(2, runner.Running);
    }

    [Fact]
    public async Task A_finished_run_gives_its_place_back()
    {
        var runner = harness.Runner(maxRuns: 1);

        await harness.RunAsync("true", runner: runner);

        Assert.Equal(0, runner.Running);
        Assert.NotNull(runner.TryReserve());
    }

    [Fact]
    public async Task While_calls_wait_for_the_thread_pool_a_start_is_left_to_the_launcher()
    {
        using var runner = harness.Runner();
        using var slot = runner.TryReserve()!;
        var spec = new RunSpec(RunnerHarness.Bash, RunnerHarness.Environment(), "echo started", TimeSpan.FromMinutes(1));

        // A backlog: more work items than the pool has threads, every one of them held.
        using var release = new ManualResetEventSlim();
        var backlog = Enumerable.Range(0, Environment.ProcessorCount + 64).Select(_ => Task.Run(release.Wait)).ToList();
        Task<ProcessRun?> start;
        try
        {
            Assert.True(ThreadPool.PendingWorkItemCount > new ProcessRunnerOptions().BacklogWorkItems);
            start = runner.StartAsync(spec, slot, CancellationToken.None);
            Assert.False(start.IsCompleted);
        }
        finally
        {
            release.Set();
        }

        await Task.WhenAll(backlog);
        var outcome = await (await start)!.Completion;
        Assert.Equal("started\n", RunnerHarness.Text(outcome));
    }

    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x0300, 3)]
    [InlineData(0xff00, 255)]
    [InlineData(0x0009, 137)]
    [InlineData(0x008f, 143)]
    public void Wait_statuses_decode_to_exit_codes(int status, int exitCode) =>
        Assert.Equal(exitCode, ProcessRun.DecodeExitCode(status));
}
