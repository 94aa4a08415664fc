using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// The few libc calls the runner needs that .NET's Process class does not expose. The constants
/// are Linux's (x86-64 and arm64 share them); the tests compare each with the system's headers.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    /// <summary>More room than any C library's text for one error needs: only a library that never stops answering ERANGE reaches it.</summary>
    private const int MaxErrorTextBytes = 64 * 1024;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 0x1;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int EINTR = 4;
    public const int E2BIG = 7;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGSTOP = 19;
    public const int F_GETFD = 1;
    public const int X_OK = 1;
    public const int ENOENT = 2;
    public const int EIO = 5;
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

    /// <summary>The system's text for <paramref name="errno"/>; safe on any number of threads at once.</summary>
    public static string ErrorText(int errno)
    {
        // Most texts fit in 32 bytes; a longer one (EAGAIN's, a translation's) costs one more call
        // per doubling. Errors are rare, and this way ordinary ones walk the growth path too.
        for (var length = 32; length <= MaxErrorTextBytes; length *= 2)
        {
            var buffer = new byte[length];
            fixed (byte* start = buffer)
            {
                // Anything but ERANGE leaves a whole text: 0, or EINVAL with "Unknown error N".
                if (xpg_strerror_r(errno, start, (nuint)length) != ERANGE)
                {
                    return Marshal.PtrToStringUTF8((nint)start) is { Length: > 0 } text ? text : $"errno {errno}";
                }
            }
        }

        return $"errno {errno}";
    }

    /// <summary>
    /// The XSI <c>strerror_r</c>: writes the text of <paramref name="errno"/> into the buffer and
    /// returns 0, ERANGE when it did not fit (the buffer then holds it cut short and terminated), or
    /// EINVAL for a number the library does not know (the buffer then holds "Unknown error N").
    /// </summary>
    /// <remarks>
    /// Not <c>strerror</c>: POSIX lets its answer live in storage the next call, on any thread,
    /// overwrites (older glibc kept an unknown number's text in one buffer per process). Not
    /// glibc's symbol <c>strerror_r</c> either: that is the GNU form, which returns a <c>char*</c>
    /// that is the buffer or a string of its own; glibc's headers give C code the XSI form by
    /// substituting <c>__xpg_strerror_r</c> for <c>strerror_r</c> unless <c>_GNU_SOURCE</c> is
    /// defined, and musl exports the XSI form under both names. A P/Invoke binds a symbol, not a
    /// header, so it names the one symbol with one meaning. dotnet/runtime's pal_errno.c weighs the
    /// same two forms (at build time, with the headers).
    /// </remarks>
    [LibraryImport(Lib, EntryPoint = "__xpg_strerror_r")]
    private static partial int xpg_strerror_r(int errno, byte* buffer, nuint length);
}
