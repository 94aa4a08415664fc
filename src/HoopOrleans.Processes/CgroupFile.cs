using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>Writes to cgroup control files with one open, write and close each: they are on the path of every start.</summary>
internal static unsafe class CgroupFile
{
    /// <summary>Writes <paramref name="value"/> to the file; returns 0 or the errno that refused it.</summary>
    public static int Write(string path, string value)
    {
        var fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            var bytes = Encoding.ASCII.GetBytes(value);
            fixed (byte* data = bytes)
            {
                return Libc.write(fd, data, bytes.Length) == bytes.Length ? 0 : Marshal.GetLastPInvokeError();
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Makes a cgroup directory; returns 0 or the errno that refused it.</summary>
    public static int Create(string directory) => Libc.mkdir(directory, 0x1ed /* 0755 */) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
