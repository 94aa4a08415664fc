using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// The sizes and offsets of the C structures this library lays out by hand, for the one ABI it is
/// written for: 64-bit little-endian Linux (glibc, LP64), on x86-64 or arm64. The tests compile a C
/// program that prints the same numbers from the system's headers and compare them with these and
/// with <see cref="Libc"/>'s structs and constants; <see cref="EnsureSupported"/> stops the runner
/// at start-up anywhere else, before a wrong layout could corrupt memory.
/// </summary>
internal static class NativeLayout
{
    /// <summary>Room allocated for a glibc <c>posix_spawn_file_actions_t</c> (80 bytes) or <c>posix_spawnattr_t</c> (336), with margin.</summary>
    public const int SpawnStructBytes = 1024;

    /// <summary>glibc's <c>sigset_t</c>.</summary>
    public const int SigSetBytes = 128;

    /// <summary>The largest <c>struct epoll_event</c> of the supported architectures, for buffers.</summary>
    public const int MaxEpollEventBytes = 16;

    /// <summary><c>sizeof(struct statx)</c>, the same on every architecture (it was made so).</summary>
    public const int StatxBytes = 256;

    /// <summary><c>offsetof(struct statx, stx_uid)</c>, a 32-bit field.</summary>
    public const int StatxUidOffset = 20;

    /// <summary><c>offsetof(struct statx, stx_mode)</c>, a 16-bit field.</summary>
    public const int StatxModeOffset = 28;

    private static readonly bool IsX64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary><c>sizeof(struct epoll_event)</c>: packed on x86-64 (12 bytes), naturally aligned on arm64 (16).</summary>
    public static readonly int EpollEventBytes = IsX64 ? 12 : 16;

    /// <summary><c>offsetof(struct epoll_event, data)</c>: 4 on x86-64, 8 on arm64.</summary>
    public static readonly int EpollDataOffset = IsX64 ? 4 : 8;

    /// <summary>Throws, naming what this process runs on, unless it is an ABI the layouts above are right for.</summary>
    /// <exception cref="PlatformNotSupportedException">Not 64-bit Linux on x86-64 or arm64.</exception>
    public static void EnsureSupported()
    {
        if (Unsupported(OperatingSystem.IsLinux(), RuntimeInformation.ProcessArchitecture) is { } reason)
        {
            throw new PlatformNotSupportedException(reason);
        }
    }

    /// <summary>Why a process on <paramref name="architecture"/> cannot run programs here, or null when it can.</summary>
    internal static string? Unsupported(bool linux, Architecture architecture) =>
        linux && architecture is Architecture.X64 or Architecture.Arm64
            ? null
            : $"HoopOrleans.Processes runs programs only on 64-bit Linux on x64 or arm64, whose C structure layouts " +
              $"(epoll_event, msghdr, sigset_t, posix_spawn's) it is written for; this process is {(linux ? "Linux" : RuntimeInformation.OSDescription)} on {architecture}.";
}
