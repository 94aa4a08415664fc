using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes;

/// <summary>
/// Starts the node's runs inside their walls: each in a cgroup of its own where the machine allows
/// one (killed whole when the run ends), with its connection's user, groups, directory and limits,
/// through the node's spawners (<see cref="SpawnerPool"/>). A non-root service cannot change a run's user;
/// it makes itself non-dumpable instead, so that its runs cannot read its memory or environment.
/// </summary>
public sealed partial class RunLauncher : IDisposable
{
    private readonly NodeCgroups _cgroups;
    private readonly SpawnerPool _spawners;
    private readonly bool _isRoot = UserDatabase.IsRoot;
    private bool _disposed;

    public RunLauncher(ProcessEventLoop loop, ILogger<RunLauncher> logger, IOptions<ProcessRunnerOptions>? options = null)
    {
        if (!UserDatabase.IsRoot)
        {
            Libc.prctl(Libc.PR_SET_DUMPABLE, 0, 0, 0, 0);
        }

        _cgroups = NodeCgroups.Create();
        try
        {
            _spawners = new SpawnerPool(_cgroups.KillFile, _cgroups.NodeDirectories, options?.Value ?? new ProcessRunnerOptions());
            foreach (var spawner in _spawners.Processes)
            {
                loop.Watch(spawner);
            }
        }
        catch
        {
            _spawners?.Dispose();
            _cgroups.Dispose();
            throw;
        }

        Started(logger, _cgroups.Mode, UserDatabase.IsRoot ? "each connection's own user" : "the service's user (not root: the service is non-dumpable)");
        _ = ReportUnexpectedExitAsync(logger);
    }

    /// <summary>Each run gets a cgroup of its own.</summary>
    public bool HasCgroups => _cgroups.Available;

    /// <summary><see cref="RunLimits.MaxProcesses"/> is enforced here.</summary>
    public bool LimitsProcesses => _cgroups.LimitsProcesses;

    /// <summary><see cref="RunLimits.MaxMemoryBytes"/> is enforced here.</summary>
    public bool LimitsMemory => _cgroups.LimitsMemory;

    /// <summary>Starts a run's program with its stdin and output on pipes, marked with the orphan guard's variable.</summary>
    internal ChildProcess Start(RunSpec spec, string guardMarker)
    {
        var sandbox = spec.Sandbox ?? RunSandbox.None;
        var program = ProgramPath.Resolve(spec.Argv[0], spec.Environment) ?? throw new SpawnException(spec.Argv[0], Libc.ENOENT);
        // Under a root service a run with a user of its own cannot change its cgroup's files, so an
        // emptied one may serve a later run of that user.
        var cgroup = _cgroups.CreateRun(sandbox.Limits, _isRoot && sandbox.Identity is { Uid: not 0 and var uid } ? uid : null);
        try
        {
            using var pipes = StdioPipes.Create(spec.Argv[0]);
            var (pid, pidFd) = SpawnFound(program, spec, guardMarker, sandbox, cgroup, pipes);
            return new ChildProcess(pid, pidFd, pipes.TakeParentInput(), pipes.TakeParentOutput(), cgroup);
        }
        catch
        {
            cgroup?.Remove();
            throw;
        }
    }

    private (int Pid, SafeFileDescriptorHandle PidFd) SpawnFound(string program, RunSpec spec, string guardMarker, RunSandbox sandbox, RunCgroup? cgroup, StdioPipes pipes)
    {
        var cgroupDirectories = cgroup?.Directories ?? [];
        try
        {
            return _spawners.Spawn(program, spec.Argv, spec.Environment, guardMarker, sandbox.Identity, cgroupDirectories, pipes.ChildInput, pipes.ChildOutput);
        }
        catch (SpawnException e) when (e.Errno == Libc.ENOENT && program != spec.Argv[0])
        {
            // The program moved since it was found: look again, once.
            var moved = ProgramPath.Resolve(spec.Argv[0], spec.Environment, forget: program);
            if (moved is null || moved == program)
            {
                throw;
            }

            return _spawners.Spawn(moved, spec.Argv, spec.Environment, guardMarker, sandbox.Identity, cgroupDirectories, pipes.ChildInput, pipes.ChildOutput);
        }
    }

    private async Task ReportUnexpectedExitAsync(ILogger logger)
    {
        var running = _spawners.Processes.Select(process => process.Exited).ToList();
        while (running.Count > 0)
        {
            running.Remove(await Task.WhenAny(running).ConfigureAwait(false));
            if (_disposed)
            {
                return;
            }

            SpawnerExited(logger, running.Count);
        }
    }

    /// <summary>Ends every run of the node that is still alive, and the spawner.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _spawners.Dispose();
            _cgroups.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Runs are walled off with {Cgroups}; they run as {Users}")]
    private static partial void Started(ILogger logger, string cgroups, string users);

    [LoggerMessage(2, LogLevel.Critical, "A run spawner exited; {Left} are left, and with none this node cannot start runs")]
    private static partial void SpawnerExited(ILogger logger, int left);
}
