using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>
/// Starts the node's own helper processes (the run spawner, the orphan guard) with posix_spawn,
/// found on their own PATH: argv as given, no shell; a new process group; default signal
/// dispositions and an empty signal mask (the runtime ignores SIGPIPE, and an ignored signal
/// would survive exec). Runs themselves are started through <see cref="RunLauncher"/>.
/// </summary>
internal static unsafe class HelperProcesses
{
    static HelperProcesses() => EnsureStandardDescriptorsOpen();

    /// <summary>Starts a program with a pipe for its stdin and one for its stdout and stderr.</summary>
    public static ChildProcess Spawn(IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        var program = ProgramPath.Resolve(argv[0], environment) ?? throw new SpawnException(argv[0], Libc.ENOENT);
        using var pipes = StdioPipes.Create(argv[0]);
        var (pid, pidFd) = SpawnAt(program, argv, environment, pipes.ChildInput, pipes.ChildOutput);
        return new ChildProcess(pid, pidFd, pipes.TakeParentInput(), pipes.TakeParentOutput());
    }

    /// <summary>
    /// Starts a program with <paramref name="stdin"/> as its stdin and its output discarded. The
    /// caller keeps <paramref name="stdin"/>; the child has a copy of its own.
    /// </summary>
    public static ChildProcess SpawnWithStdio(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, SafeFileDescriptorHandle stdin)
    {
        var (pid, pidFd) = SpawnAt(program, argv, environment, stdin, null);
        return new ChildProcess(pid, pidFd, null, null);
    }

    /// <param name="childOutput">The child's stdout and stderr, or null for /dev/null.</param>
    private static (int Pid, SafeFileDescriptorHandle PidFd) SpawnAt(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment,
        SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle? childOutput)
    {
        // The file actions name the descriptors by number and are carried out in posix_spawn: both stay open until it returns.
        using var input = childInput.Lease();
        using var output = childOutput is null ? default : childOutput.Lease();
        int pid;
        int error;
        var actions = NativeMemory.AllocZeroed(NativeLayout.SpawnStructBytes);
        var attr = NativeMemory.AllocZeroed(NativeLayout.SpawnStructBytes);
        var defaults = stackalloc byte[NativeLayout.SigSetBytes];
        var mask = stackalloc byte[NativeLayout.SigSetBytes];
        try
        {
            using var args = new NativeStringArray(argv);
            using var env = new NativeStringArray(environment);
            Libc.posix_spawn_file_actions_init(actions);
            Libc.posix_spawn_file_actions_adddup2(actions, input.Number, 0);
            if (childOutput is not null)
            {
                Libc.posix_spawn_file_actions_adddup2(actions, output.Number, 1);
                Libc.posix_spawn_file_actions_adddup2(actions, output.Number, 2);
            }
            else
            {
                Libc.posix_spawn_file_actions_addopen(actions, 1, "/dev/null", Libc.O_WRONLY, 0);
                Libc.posix_spawn_file_actions_adddup2(actions, 1, 2);
            }

            Libc.posix_spawnattr_init(attr);
            Libc.posix_spawnattr_setflags(attr, Libc.POSIX_SPAWN_SETPGROUP | Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK);
            Libc.posix_spawnattr_setpgroup(attr, 0);
            Libc.sigemptyset(defaults);
            for (var signal = 1; signal < 32; signal++)
            {
                if (signal is not Libc.SIGKILL and not Libc.SIGSTOP)
                {
                    Libc.sigaddset(defaults, signal);
                }
            }

            Libc.posix_spawnattr_setsigdefault(attr, defaults);
            Libc.sigemptyset(mask);
            Libc.posix_spawnattr_setsigmask(attr, mask);

            fixed (byte* path = Encoding.UTF8.GetBytes(program + '\0'))
            {
                error = Libc.posix_spawn(&pid, path, actions, attr, args.Pointers, env.Pointers);
            }
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
        }

        if (error != 0)
        {
            throw new SpawnException(argv[0], error);
        }

        var pidFd = Libc.pidfd_open(pid, 0);
        if (pidFd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            pidFd.Dispose();
            Libc.kill(-pid, Libc.SIGKILL);
            Libc.waitpid(pid, null, 0);
            throw new SpawnException(argv[0], errno);
        }

        return (pid, pidFd);
    }

    /// <summary>
    /// A service started with a closed stdin would hand fd 0 to the next pipe, and the child would
    /// lose it at exec; /dev/null keeps the low descriptors taken.
    /// </summary>
    private static void EnsureStandardDescriptorsOpen()
    {
        for (var fd = 0; fd <= 2; fd++)
        {
            if (Libc.fcntl(fd, Libc.F_GETFD) == -1)
            {
                // It takes the lowest free number, the missing one, and holds it for the life of the process: never closed.
                Libc.open("/dev/null", 2).SetHandleAsInvalid();
            }
        }
    }
}
