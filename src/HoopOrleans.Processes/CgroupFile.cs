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

    /// <summary>Makes a cgroup directory; returns 0 or the errno that refused it.</summary>
    public static int Create(string directory) => Libc.mkdir(directory, 0x1ed /* 0755 */) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
