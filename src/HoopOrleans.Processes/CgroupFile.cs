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
        Span<byte> events = stackalloc byte[256];
        var got = Read(Path.Combine(directory, "cgroup.events"), events);
        return got > 0 && events[..got].StartsWith("populated 0\n"u8);
    }

    /// <summary>The whole number a control file holds (<c>memory.current</c>, <c>memory.usage_in_bytes</c>), or null when it cannot be read.</summary>
    public static long? ReadNumber(string path)
    {
        Span<byte> text = stackalloc byte[32];
        var got = Read(path, text);
        return got > 0 && System.Buffers.Text.Utf8Parser.TryParse(text[..got], out long value, out _) ? value : null;
    }

    /// <summary>Reads the start of a small control file into <paramref name="buffer"/> with one open, read and close: the bytes read, or -1.</summary>
    private static int Read(string path, Span<byte> buffer)
    {
        using var file = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (file.IsInvalid)
        {
            return -1;
        }

        fixed (byte* data = buffer)
        {
            return (int)Libc.read(file, data, buffer.Length);
        }
    }

    /// <summary>Makes a cgroup directory; returns 0 or the errno that refused it.</summary>
    public static int Create(string directory) => Libc.mkdir(directory, 0x1ed /* 0755 */) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
