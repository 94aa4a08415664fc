namespace HoopOrleans.Processes;

/// <summary>The program could not be started at all; nothing ran.</summary>
public sealed class SpawnException : Exception
{
    /// <summary>The system refused with <paramref name="errno"/>; the message is its text.</summary>
    public SpawnException(string program, int errno)
        : this(program, errno, Libc.ErrorText(errno))
    {
    }

    /// <summary>Refused with <paramref name="errno"/> for a reason the system's text for it would not say.</summary>
    public SpawnException(string program, int errno, string reason)
        : base($"could not start {program}: {reason}") => Errno = errno;

    /// <summary>The error number that refused the start (posix_spawn's, the spawner's or the child's).</summary>
    public int Errno { get; }
}
