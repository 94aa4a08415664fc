
namespace HoopOrleans.Processes.Tests;

/// <summary>When a node dies, however it dies, the spawner's end of its socket closes: the node's runs and cgroups go with it.</summary>
public sealed class NodeDeathTests
{
    [Fact]
    public async Task When_the_spawners_socket_closes_every_run_of_the_node_is_killed_and_its_cgroups_removed()
    {
        using var loop = new ProcessEventLoop();
        var cgroups = NodeCgroups.Create();
        Assert.True(cgroups.Available);
        var spawner = new NativeSpawner(cgroups.KillFile, cgroups.NodeDirectories);
        loop.Watch(spawner.Process);
        var run = cgroups.CreateRun(new RunLimits(MaxProcesses: 50, MaxMemoryBytes: null))!;
        using var pipes = StdioPipes.Create("sleep");
        var (pid, pidFd) = spawner.Spawn("/bin/sleep", ["sleep", "300"], ["PATH=/usr/bin:/bin"], null, null, run.Directories, pipes.ChildInput, pipes.ChildOutput);

        // Only the socket closes, as when the service is killed: nothing here kills or removes anything.
        spawner.Dispose();
        await spawner.Process.Exited;

        Assert.True(await ProcessProbe.WaitUntilGoneAsync(pid), $"run {pid} outlived its node");
        Assert.All(cgroups.NodeDirectories, directory => Assert.False(Directory.Exists(directory), $"{directory} is left behind"));
        new ChildProcess(pid, pidFd, null, null).KillAndReap();
    }
}
