using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>Files reached from a directory descriptor, never by following a link, and their owner and mode (statx).</summary>
internal static unsafe partial class Libc
{
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;
    public const uint S_IFMT = 0xf000;
    public const uint S_IFDIR = 0x4000;

    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>Fails the open unless the file is a directory. arm64's own number differs from x86-64's (the generic one).</summary>
    public static readonly int O_DIRECTORY = IsArm64 ? 0x4000 : 0x10000;

    /// <summary>Fails the open with ELOOP when the last component is a symbolic link. arm64's own number differs, as for O_DIRECTORY.</summary>
    public static readonly int O_NOFOLLOW = IsArm64 ? 0x8000 : 0x20000;

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeFileDescriptorHandle openat(SafeFileDescriptorHandle directory, string path, int flags);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(SafeFileDescriptorHandle directory, string path, uint mode);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchown(SafeFileDescriptorHandle fd, uint owner, uint group);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchmod(SafeFileDescriptorHandle fd, uint mode);

    /// <summary>With <see cref="AT_EMPTY_PATH"/> and an empty path: what the descriptor itself is.</summary>
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(SafeFileDescriptorHandle directory, string path, int flags, uint mask, byte* buffer);
}
