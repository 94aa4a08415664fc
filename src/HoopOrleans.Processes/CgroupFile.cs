using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>Writes to cgroup control files with one open, write and close each: they are on the path of every start.</summary>
internal static unsafe class CgroupFile
{
    /// <summary>Writes <paramref name="value"/> to the file; returns 0 or the errno that refused it.</summary>
    public static int Write(string path, string value)
    {
        using var file = Libc.open(path, Libc.O_WRONLY | Libc.O_CLOEXEC);
        if (file.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        var bytes = Encoding.ASCII.GetBytes(value);
        fixed (byte* data = bytes)
        {
            return Libc.write(file, data, bytes.Length) == bytes.Length ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>
    /// Whether no process is in the cgroup or below it: its <c>cgroup.events</c> says
    /// <c>populated 0</c>. False when that cannot be read.
    /// </summary>
    public static bool IsEmpty(string directory)
    {
        using var file = Libc.open(Path.Combine(directory, "cgroup.events"), Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (file.IsInvalid)
        {
            return false;
        }

        Span<byte> events = stackalloc byte[256];
        nint got;
        fixed (byte* data = events)
        {
            got = Libc.read(file, data, events.Length);
        }

        return got > 0 && events[..(int)got].StartsWith("populated 0\n"u8);
    }

    /// <summary>The whole number a control file holds (<c>memory.current</c>, <c>memory.usage_in_bytes</c>), or null when it cannot be read.</summary>
    public static long? ReadNumber(string path)
    {
        using var file = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (file.IsInvalid)
        {
            return null;
        }

        Span<byte> text = stackalloc byte[32];
        nint got;
        fixed (byte* data = text)
        {
            got = Libc.read(file, data, text.Length);
        }

        return got > 0 && System.Buffers.Text.Utf8Parser.TryParse(text[..(int)got], out long value, out _) ? value : null;
    }

    /// <summary>Makes a cgroup directory; returns 0 or the errno that refused it.</summary>
    public static int Create(string directory) => Libc.mkdir(directory, 0x1ed /* 0755 */) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
