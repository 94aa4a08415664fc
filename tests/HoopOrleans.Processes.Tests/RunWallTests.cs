
namespace HoopOrleans.Processes.Tests;

/// <summary>Runs in walls of their own: a cgroup killed whole at the end, their own user, their limits.</summary>
public sealed class RunWallTests : IDisposable
{
    private const uint RunUid = 2100098765;

    private readonly RunnerHarness _harness = new();

    private static string Folder() => SharedFolders.Create("hoop-walls-");

    private Task<ProcessOutcome> RunAsync(string script, RunSandbox sandbox)
    {
        var runner = _harness.Runner();
        var slot = runner.TryReserve()!;
        return runner.Start(new RunSpec(RunnerHarness.Bash, RunnerHarness.Environment(), script, TimeSpan.FromMinutes(2), sandbox), slot).Completion;
    }

    [Fact]
    public void This_machine_gives_each_run_a_cgroup_with_process_and_memory_limits()
    {
        Assert.True(_harness.Launcher.HasCgroups);
        Assert.True(_harness.Launcher.LimitsProcesses);
        Assert.True(_harness.Launcher.LimitsMemory);
    }

    [Fact]
    public async Task Nothing_a_run_started_outlives_it_setsid_double_forks_and_a_cleared_environment_included()
    {
        var folder = Folder();
        var script = $"""
            setsid -f sh -c 'echo $$ > {folder}/setsid; exec sleep 300' < /dev/null > /dev/null 2>&1
            ( ( sleep 300 < /dev/null > /dev/null 2>&1 & echo $! > {folder}/double ) & )
            env -i /bin/sh -c 'sleep 300 < /dev/null > /dev/null 2>&1 & echo $! > {folder}/cleared'
            while [ ! -s {folder}/setsid ] || [ ! -s {folder}/double ] || [ ! -s {folder}/cleared ]; do sleep 0.02; done
            echo started
            """;

        var outcome = await RunAsync(script, RunSandbox.None);

        Assert.Equal("started\n", RunnerHarness.Text(outcome));
        foreach (var name in new[] { "setsid", "double", "cleared" })
        {
            var pid = await ProcessProbe.ReadPidAsync(Path.Combine(folder, name));
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(pid), $"the {name} process {pid} outlived its run");
        }
    }

    [Fact]
    public async Task A_finished_runs_cgroups_are_removed_in_every_hierarchy()
    {
        var outcome = await RunAsync("cat /proc/self/cgroup", new RunSandbox(null, new RunLimits(MaxProcesses: 50, MaxMemoryBytes: 64L << 20)));

        var directories = new[]
        {
            RunDirectory(RunnerHarness.Text(outcome), "", CgroupMounts.UnifiedDirectory()),
            RunDirectory(RunnerHarness.Text(outcome), "pids", CgroupMounts.Version1Directory("pids")),
            RunDirectory(RunnerHarness.Text(outcome), "memory", CgroupMounts.Version1Directory("memory")),
        };
        Assert.All(directories, directory => Assert.Contains("/run-", directory));

        // Removal waits for the killed processes to leave, so it may finish a moment after the run.
        await Until.HeldWithinAsync(TimeSpan.FromSeconds(10), () => !directories.Any(Directory.Exists));

        Assert.All(directories, directory => Assert.False(Directory.Exists(directory), $"{directory} is left behind"));
    }

    [Fact]
    public async Task Runs_of_one_user_with_the_same_limits_take_turns_in_an_emptied_cgroup_and_no_one_else_does()
    {
        var unlimited = new RunLimits(MaxProcesses: null, MaxMemoryBytes: null);
        var capped = new RunLimits(MaxProcesses: 50, MaxMemoryBytes: 64L << 20);

        var first = await CgroupOfAsync(As(RunUid, unlimited));
        var second = await CgroupOfAsync(As(RunUid, unlimited));
        var firstCapped = await CgroupOfAsync(As(RunUid, capped));
        var secondCapped = await CgroupOfAsync(As(RunUid, capped with { }));
        var otherUser = await CgroupOfAsync(As(RunUid + 1, unlimited));
        var otherLimits = await CgroupOfAsync(As(RunUid, new RunLimits(MaxProcesses: 51, MaxMemoryBytes: 64L << 20)));
        var serviceUser = await CgroupOfAsync(RunSandbox.None);

        Assert.Equal(first, second);
        Assert.Equal(firstCapped, secondCapped);
        Assert.All(new[] { firstCapped, otherUser, otherLimits, serviceUser }, cgroup => Assert.NotEqual(first, cgroup));
        Assert.All(new[] { otherUser, otherLimits, serviceUser }, cgroup => Assert.NotEqual(firstCapped, cgroup));
    }

    [Fact]
    public async Task A_cgroup_left_holding_memory_is_not_handed_to_the_next_run()
    {
        // A file in a tmpfs stays charged to the memory cgroup of the run that wrote it, and would
        // count against the limit of every later run given that cgroup.
        var sandbox = As(RunUid + 2, new RunLimits(MaxProcesses: 50, MaxMemoryBytes: 64L << 20));
        var file = $"/dev/shm/hoop-charge-{Guid.NewGuid():N}";
        try
        {
            var before = await CgroupOfAsync(sandbox);
            var held = RunDirectory(RunnerHarness.Text(await RunAsync($"head -c 8388608 /dev/zero > {file}; cat /proc/self/cgroup", sandbox)), "", CgroupMounts.UnifiedDirectory());
            var after = await CgroupOfAsync(sandbox);

            Assert.Equal(before, held);
            Assert.NotEqual(held, after);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static RunSandbox As(uint uid, RunLimits limits) => new(new RunIdentity(uid, uid, [uid], "/"), limits);

    private async Task<string> CgroupOfAsync(RunSandbox sandbox) =>
        RunDirectory(RunnerHarness.Text(await RunAsync("cat /proc/self/cgroup", sandbox)), "", CgroupMounts.UnifiedDirectory());

    [Fact]
    public async Task A_run_given_an_emptied_cgroup_finds_nothing_of_the_run_before_in_it()
    {
        var sandbox = new RunSandbox(new RunIdentity(RunUid, RunUid, [RunUid], "/"), new RunLimits(MaxProcesses: null, MaxMemoryBytes: null));
        var folder = Folder();
        var escaped = await RunAsync($"setsid -f sh -c 'echo $$ > {folder}/escaped; exec sleep 300' < /dev/null > /dev/null 2>&1; while [ ! -s {folder}/escaped ]; do sleep 0.02; done; cat /proc/self/cgroup", sandbox);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(await ProcessProbe.ReadPidAsync(Path.Combine(folder, "escaped"))));

        // The script's own shell and the cat it starts: whatever was left is gone or elsewhere.
        var next = await RunAsync("""
            cgroup=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)$(sed -n 's/^0:://p' /proc/self/cgroup)
            echo "$cgroup"
            wc -l < "$cgroup/cgroup.procs"
            """, sandbox);

        var lines = RunnerHarness.Text(next).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2", lines[1].Trim());
        Assert.Contains("/run-", lines[0]);
        Assert.Contains("/run-", RunnerHarness.Text(escaped));
    }

    /// <summary>
    /// Where the run's cgroup of a hierarchy ("" for v2, else a v1 controller) is: its path in the run's
    /// /proc/self/cgroup, below this process's own cgroup, whose directory is <paramref name="own"/>.
    /// </summary>
    private static string RunDirectory(string procSelfCgroup, string controller, string? own)
    {
        static string PathIn(IEnumerable<string> lines, string controller) => lines
            .Select(line => line.Split(':', 3))
            .Single(parts => parts.Length == 3 && (controller == "" ? parts[0] == "0" && parts[1] == "" : parts[1].Split(',').Contains(controller)))[2];

        Assert.NotNull(own);
        var mine = PathIn(File.ReadAllLines("/proc/self/cgroup"), controller).TrimEnd('/');
        var run = PathIn(procSelfCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries), controller);
        Assert.StartsWith(mine + "/", run, StringComparison.Ordinal);
        return own + run[mine.Length..];
    }

    [Fact]
    public async Task A_run_drops_to_its_user_and_cannot_read_the_service()
    {
        var identity = new RunIdentity(RunUid, RunUid, [RunUid], "/");

        var outcome = await RunAsync(
            $"id -u; id -g; id -G; cat /proc/{Environment.ProcessId}/environ > /dev/null 2>&1 && echo read-the-service || echo denied",
            new RunSandbox(identity, RunLimits.None));

        Assert.Equal($"{RunUid}\n{RunUid}\n{RunUid}\ndenied\n", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task A_fork_bomb_stops_at_max_processes()
    {
        var script = "perl -e 'for (1..200) { my $p = fork(); if (!defined $p) { print \"fork refused\\n\"; exit 0 } if ($p == 0) { sleep 30; exit 0 } } print \"all 200 forked\\n\"'";

        var outcome = await RunAsync(script, new RunSandbox(null, new RunLimits(MaxProcesses: 20, MaxMemoryBytes: null)));

        Assert.Equal("fork refused\n", RunnerHarness.Text(outcome));
    }

    [Fact]
    public async Task A_run_past_max_memory_is_killed()
    {
        var outcome = await RunAsync("perl -e '$x = \"a\" x (256 * 1024 * 1024); print \"kept 256 MiB\\n\"'",
            new RunSandbox(null, new RunLimits(MaxProcesses: null, MaxMemoryBytes: 32 * 1024 * 1024)));

        // bash reports the kill, quoting the command line: the program's own line never appears.
        Assert.Equal(137, outcome.ExitCode);
        Assert.Contains("Killed", RunnerHarness.Text(outcome));
        Assert.DoesNotContain("kept 256 MiB\n", RunnerHarness.Text(outcome).Replace("\\n", ""));
    }

    public void Dispose() => _harness.Dispose();
}
