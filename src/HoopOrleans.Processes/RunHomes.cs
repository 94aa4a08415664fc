using System.Globalization;
using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// The directory where run users get their homes, one per uid, and the homes in it. A root service
/// gives each home away (chown), so a link planted where a home goes would give away whatever it
/// points to: every home is made and changed through descriptors, relative to the root's own
/// descriptor, never by following a link. The root itself must be root's and writable by no one
/// else, or anyone who could write there could plant such a link (or rename a home away).
/// </summary>
public sealed class RunHomes : IDisposable
{
    private const uint RootMode = 0x1ed;       // 0755: every run user passes through to its own home
    private const uint HomeMode = 0x1c0;       // 0700: only the home's user enters it
    private const uint GroupOrOthersWrite = 0x12;

    private readonly SafeFileDescriptorHandle _root;

    private RunHomes(string path, SafeFileDescriptorHandle root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The root's path, as given.</summary>
    public string Path { get; }

    /// <summary>
    /// Why <paramref name="root"/> may not hold run homes (owned by another user than root, writable
    /// by its group or others, not a directory, unreadable), or null when it may or does not exist
    /// yet (<see cref="Open"/> makes it).
    /// </summary>
    public static string? Problem(string root)
    {
        using var directory = OpenDirectory(root);
        if (directory.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.ENOENT ? null : $"{root} cannot be opened as a directory: {Libc.ErrorText(errno)}";
        }

        return Problem(root, directory);
    }

    /// <summary>Opens <paramref name="root"/>, making it (0755, with its parents) when it is missing, and checks it.</summary>
    /// <exception cref="IOException">It cannot be made or opened, or it may not hold homes; the message says which and why.</exception>
    public static RunHomes Open(string root)
    {
        if (!Directory.Exists(root))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(root) ?? root);
            // mkdir's mode can only lose bits to the umask, never gain group or other write.
            if (Libc.mkdir(root, RootMode) != 0 && Marshal.GetLastPInvokeError() is var errno and not Libc.EEXIST)
            {
                throw new IOException($"{root} cannot be made: {Libc.ErrorText(errno)}", errno);
            }
        }

        var directory = OpenDirectory(root);
        if (directory.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            directory.Dispose();
            throw new IOException($"{root} cannot be opened as a directory: {Libc.ErrorText(errno)}", errno);
        }

        // Checked on the descriptor every home is made through: what was checked is what is used.
        var problem = Problem(root, directory);
        if (problem is null && Libc.fchmod(directory, RootMode) != 0)
        {
            problem = $"{root} cannot be set to mode 0755: {Libc.ErrorText(Marshal.GetLastPInvokeError())}";
        }

        if (problem is not null)
        {
            directory.Dispose();
            throw new IOException(problem);
        }

        return new RunHomes(root, directory);
    }

    /// <summary>
    /// The home of <paramref name="uid"/>: the directory named after it in the root, made when
    /// missing, given to <paramref name="uid"/> and <paramref name="gid"/> with mode 0700. Anything
    /// else found under that name (a symbolic link, a file) is refused and left as it is, its
    /// target untouched.
    /// </summary>
    /// <returns>The home's path.</returns>
    /// <exception cref="IOException">The home cannot be made or given; the message names it and says why.</exception>
    public string Make(uint uid, uint gid)
    {
        var name = uid.ToString(CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(Path, name);
        if (Libc.mkdirat(_root, name, HomeMode) != 0 && Marshal.GetLastPInvokeError() is var made and not Libc.EEXIST)
        {
            throw new IOException($"{path} cannot be made: {Libc.ErrorText(made)}", made);
        }

        using var home = Libc.openat(_root, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC);
        if (home.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno is Libc.ELOOP or Libc.ENOTDIR
                ? $"{path} is not a directory but a symbolic link or another file: it is not followed; remove it"
                : $"{path} cannot be opened: {Libc.ErrorText(errno)}", errno);
        }

        if (Libc.fchown(home, uid, gid) != 0)
        {
            throw new IOException($"{path} cannot be given to uid {uid}: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        if (Libc.fchmod(home, HomeMode) != 0)
        {
            throw new IOException($"{path} cannot be set to mode 0700: {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        return path;
    }

    public void Dispose() => _root.Dispose();

    private static SafeFileDescriptorHandle OpenDirectory(string path) => Libc.open(path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC);

    private static unsafe string? Problem(string root, SafeFileDescriptorHandle directory)
    {
        var status = stackalloc byte[NativeLayout.StatxBytes];
        if (Libc.statx(directory, "", Libc.AT_EMPTY_PATH, Libc.STATX_TYPE | Libc.STATX_MODE | Libc.STATX_UID, status) != 0)
        {
            return $"{root} cannot be examined: {Libc.ErrorText(Marshal.GetLastPInvokeError())}";
        }

        var owner = *(uint*)(status + NativeLayout.StatxUidOffset);
        var mode = (uint)*(ushort*)(status + NativeLayout.StatxModeOffset);
        return (mode & Libc.S_IFMT) != Libc.S_IFDIR ? $"{root} is not a directory"
            : owner != 0 ? $"{root} is owned by uid {owner}, not by root: its owner could plant links where homes go"
            : (mode & GroupOrOthersWrite) != 0 ? $"{root} is writable by its group or others (mode {Convert.ToString(mode & 0xfff, 8).PadLeft(4, '0')}): they could plant links where homes go"
            : null;
    }
}
