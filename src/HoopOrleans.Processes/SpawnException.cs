namespace HoopOrleans.Processes;

/// <summary>The program could not be started at all; nothing ran.</summary>
public sealed class SpawnException(string program, int errno)
    : Exception($"could not start {program}: {Libc.ErrorText(errno)}")
{
    /// <summary>The error number posix_spawn returned.</summary>
    public int Errno { get; } = errno;
}
