using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>
/// Starts programs with posix_spawn, found on the run's own PATH: argv as given, no shell; stdout and stderr on one pipe; a new
/// process group (so a kill reaches every process of the run); default signal dispositions and an
/// empty signal mask (the runtime ignores SIGPIPE, and an ignored signal would survive exec).
/// </summary>
internal static unsafe class ProcessSpawner
{
    static ProcessSpawner() => EnsureStandardDescriptorsOpen();

    public static ChildProcess Spawn(IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? extraVariable = null)
    {
        var program = ProgramPath.Resolve(argv[0], environment) ?? throw new SpawnException(argv[0], Libc.ENOENT);
        try
        {
            return SpawnAt(program, argv, environment, extraVariable);
        }
        catch (SpawnException e) when (e.Errno == Libc.ENOENT && program != argv[0])
        {
            // The program moved since it was found: look again, once.
            var moved = ProgramPath.Resolve(argv[0], environment, forget: program);
            if (moved is null || moved == program)
            {
                throw;
            }

            return SpawnAt(moved, argv, environment, extraVariable);
        }
    }

    private static ChildProcess SpawnAt(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? extraVariable)
    {
        var input = stackalloc int[2];
        var output = stackalloc int[2];
        if (Libc.pipe2(input, Libc.O_CLOEXEC) != 0)
        {
            throw new SpawnException(argv[0], Marshal.GetLastPInvokeError());
        }

        if (Libc.pipe2(output, Libc.O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Libc.close(input[0]);
            Libc.close(input[1]);
            throw new SpawnException(argv[0], errno);
        }

        int pid;
        int error;
        var actions = NativeMemory.AllocZeroed(Libc.SpawnStructBytes);
        var attr = NativeMemory.AllocZeroed(Libc.SpawnStructBytes);
        var defaults = stackalloc byte[Libc.SigSetBytes];
        var mask = stackalloc byte[Libc.SigSetBytes];
        try
        {
            using var args = new NativeStringArray(argv);
            using var env = new NativeStringArray(environment, extraVariable);
            Libc.posix_spawn_file_actions_init(actions);
            Libc.posix_spawn_file_actions_adddup2(actions, input[0], 0);
            Libc.posix_spawn_file_actions_adddup2(actions, output[1], 1);
            Libc.posix_spawn_file_actions_adddup2(actions, output[1], 2);

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
            Libc.close(input[0]);
            Libc.close(output[1]);
        }

        if (error != 0)
        {
            Libc.close(input[1]);
            Libc.close(output[0]);
            throw new SpawnException(argv[0], error);
        }

        var pidFd = Libc.pidfd_open(pid, 0);
        if (pidFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Libc.kill(-pid, Libc.SIGKILL);
            Libc.waitpid(pid, null, 0);
            Libc.close(input[1]);
            Libc.close(output[0]);
            throw new SpawnException(argv[0], errno);
        }

        // Only this process's ends: the child's ends were separate open files and stay blocking.
        Libc.fcntl(input[1], Libc.F_SETFL, Libc.O_NONBLOCK);
        Libc.fcntl(output[0], Libc.F_SETFL, Libc.O_NONBLOCK);
        return new ChildProcess(pid, pidFd, input[1], output[0]);
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
                Libc.open("/dev/null", 2);
            }
        }
    }
}
