using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// The few libc calls the runner needs that .NET's Process class does not expose. The constants
/// are Linux's (x86-64 and arm64 share them); the tests compare each with the system's headers.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 0x1;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int ESRCH = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGSTOP = 19;
    public const int F_GETFD = 1;
    public const int X_OK = 1;
    public const int ENOENT = 2;
    public const int F_SETFL = 4;
    public const int F_SETPIPE_SZ = 1031;
    public const uint SPLICE_F_MOVE = 0x1;
    public const uint SPLICE_F_NONBLOCK = 0x2;
    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x1;
    public const uint EPOLLOUT = 0x4;
    public const int EFD_CLOEXEC = 0x80000;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    /// <summary>Only <see cref="SafeFileDescriptorHandle"/> closes descriptors: each exactly once.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>For descriptors this process does not own (0, 1 and 2).</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(SafeFileDescriptorHandle fd, int cmd, int arg);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeFileDescriptorHandle open(string path, int flags);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Lib)]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int flags, uint mode);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setpgroup(void* attr, int processGroup);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* signals);

    [LibraryImport(Lib)]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* signals);

    [LibraryImport(Lib)]
    public static partial int sigemptyset(void* set);

    [LibraryImport(Lib)]
    public static partial int sigaddset(void* set, int signal);

    /// <summary>Returns 0 or an errno value; it does not set errno.</summary>
    [LibraryImport(Lib)]
    public static partial int posix_spawn(int* pid, byte* path, void* actions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial SafeFileDescriptorHandle pidfd_open(int pid, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial SafeFileDescriptorHandle epoll_create1(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_ctl(SafeFileDescriptorHandle epoll, int operation, SafeFileDescriptorHandle fd, void* ev);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_wait(SafeFileDescriptorHandle epoll, void* events, int maxEvents, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial SafeFileDescriptorHandle eventfd(uint initial, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint write(SafeFileDescriptorHandle fd, void* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint read(SafeFileDescriptorHandle fd, void* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint splice(SafeFileDescriptorHandle fdIn, long* offsetIn, SafeFileDescriptorHandle fdOut, long* offsetOut, nuint length, uint flags);

    [LibraryImport(Lib)]
    public static partial nint strerror(int errno);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
}
