using System.Runtime.InteropServices;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// Gives the test process a controlling terminal, as a service started from an interactive shell
/// has one: without it, a run could not reach a terminal whatever the spawner did, and a test that
/// a run has none would prove nothing. Test hosts usually have none (their stdio are pipes), so the
/// process becomes a session leader and opens a new pseudo-terminal, which becomes its controlling
/// terminal. That holds for the rest of the process: every process it starts later is in its
/// session; the terminal's master stays open so that it is never hung up.
/// </summary>
internal static unsafe partial class ControllingTerminal
{
    private const int O_RDWR = 2;
    private const int O_NOCTTY = 0x100;
    private const ulong TIOCSCTTY = 0x540E;

    private static readonly Lock Gate = new();

    /// <summary>The terminal's two ends and the SIGHUP registration, held for the life of the process.</summary>
    private static readonly List<IDisposable> Kept = [];

    /// <summary>Makes sure this process has a controlling terminal; fails the test, saying why, when it cannot get one.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (Has())
            {
                return;
            }

            // A hang-up of the terminal (SIGHUP to its session's leader) must not end the test host.
            Kept.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true));
            var master = posix_openpt(O_RDWR | O_NOCTTY | Libc.O_CLOEXEC);
            Kept.Add(master);
            Assert.False(master.IsInvalid, $"posix_openpt: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
            var name = stackalloc byte[256];
            Assert.True(grantpt(master) == 0 && unlockpt(master) == 0 && ptsname_r(master, name, 256) == 0, "the pseudo-terminal could not be unlocked");

            // Only a process that leads no process group may start a session: a test host is
            // started as a plain child of its runner, never as a group leader.
            Assert.True(setsid() >= 0, $"setsid: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
            var slave = Libc.open(Marshal.PtrToStringUTF8((nint)name)!, O_RDWR | Libc.O_CLOEXEC);
            Kept.Add(slave);
            Assert.False(slave.IsInvalid, $"open the terminal: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
            Assert.True(ioctl(slave, TIOCSCTTY, 0) == 0, $"TIOCSCTTY: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
            Assert.True(Has(), "the process has no controlling terminal after taking one");
        }
    }

    /// <summary>Whether this process has a controlling terminal: /dev/tty opens only then.</summary>
    public static bool Has()
    {
        using var terminal = Libc.open("/dev/tty", O_RDWR | O_NOCTTY | Libc.O_CLOEXEC);
        return !terminal.IsInvalid;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial SafeFileDescriptorHandle posix_openpt(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int grantpt(SafeFileDescriptorHandle master);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unlockpt(SafeFileDescriptorHandle master);

    [LibraryImport("libc")]
    private static partial int ptsname_r(SafeFileDescriptorHandle master, byte* buffer, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(SafeFileDescriptorHandle fd, ulong request, int argument);
}
