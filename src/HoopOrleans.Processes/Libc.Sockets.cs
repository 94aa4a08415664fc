using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>Unix sockets with descriptors attached, netlink queries, and the ids of users and groups (LP64 Linux layouts).</summary>
internal static unsafe partial class Libc
{
    public const int AF_UNIX = 1;
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int AF_NETLINK = 16;
    public const int SOCK_DGRAM = 2;
    public const int NETLINK_SOCK_DIAG = 4;
    public const int SOCK_STREAM = 1;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SCM_RIGHTS = 1;
    public const int SO_PEERCRED = 17;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_WAITALL = 0x100;
    public const int MSG_CMSG_CLOEXEC = 0x40000000;
    public const int PR_SET_DUMPABLE = 4;
    public const int ERANGE = 34;
    public const int EPIPE = 32;
    public const int _SC_GETGR_R_SIZE_MAX = 69;
    public const int _SC_GETPW_R_SIZE_MAX = 70;

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Io;
        public nuint IoCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct cmsghdr, followed by its data at the next 8-byte boundary.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ControlHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary>CMSG_LEN(n): the header and n bytes of data.</summary>
    public static int ControlLength(int dataBytes) => sizeof(ControlHeader) + dataBytes;

    /// <summary>CMSG_SPACE(n): CMSG_LEN rounded up to the 8-byte alignment.</summary>
    public static int ControlSpace(int dataBytes) => (ControlLength(dataBytes) + 7) & ~7;

    /// <summary>struct passwd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Home;
        public byte* Shell;
    }

    /// <summary>struct group.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public byte* Name;
        public byte* Password;
        public uint Gid;
        public byte** Members;
    }

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint sendmsg(SafeFileDescriptorHandle socket, MessageHeader* message, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint recvmsg(SafeFileDescriptorHandle socket, MessageHeader* message, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint send(SafeFileDescriptorHandle socket, void* buffer, nuint length, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial SafeFileDescriptorHandle socket(int domain, int type, int protocol);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint sendto(SafeFileDescriptorHandle socket, void* buffer, nuint length, int flags, void* address, int addressLength);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint recv(SafeFileDescriptorHandle socket, void* buffer, nuint length, int flags);

    [LibraryImport(Lib)]
    public static partial uint geteuid();

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>A limit or size the system suggests (the <c>_SC_</c> names), or -1 when it has none.</summary>
    [LibraryImport(Lib)]
    public static partial nint sysconf(int name);

    /// <summary>
    /// Returns 0 or an error number (the return value is the error, not errno): ERANGE when the
    /// entry does not fit in <paramref name="buffer"/>. 0 with <paramref name="result"/> null is no
    /// such user.
    /// </summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int getpwnam_r(string name, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    /// <summary>As <see cref="getpwnam_r"/>, by uid.</summary>
    [LibraryImport(Lib)]
    public static partial int getpwuid_r(uint uid, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    /// <summary>As <see cref="getpwnam_r"/>, for a group.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int getgrnam_r(string name, Group* entry, byte* buffer, nuint length, Group** result);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdir(string path, uint mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rmdir(string path);
}
