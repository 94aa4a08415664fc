using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>The calls that make two descriptors at once, each taken into its own handle as soon as it exists.</summary>
internal static unsafe class DescriptorPairs
{
    /// <summary>A pipe, both ends close-on-exec.</summary>
    /// <exception cref="SpawnException">The pipe could not be made for <paramref name="program"/>.</exception>
    public static (SafeFileDescriptorHandle Read, SafeFileDescriptorHandle Write) Pipe(string program)
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0)
        {
            throw new SpawnException(program, Marshal.GetLastPInvokeError());
        }

        return (new SafeFileDescriptorHandle(fds[0]), new SafeFileDescriptorHandle(fds[1]));
    }

    /// <summary>A connected pair of Unix stream sockets, both close-on-exec.</summary>
    /// <exception cref="SpawnException">The sockets could not be made for <paramref name="program"/>.</exception>
    public static (SafeFileDescriptorHandle First, SafeFileDescriptorHandle Second) UnixStreamSockets(string program)
    {
        var fds = stackalloc int[2];
        if (Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw new SpawnException(program, Marshal.GetLastPInvokeError());
        }

        return (new SafeFileDescriptorHandle(fds[0]), new SafeFileDescriptorHandle(fds[1]));
    }
}
