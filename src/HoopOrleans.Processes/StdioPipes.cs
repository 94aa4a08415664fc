using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>
/// A run's two pipes: one for its stdin, one that carries both its stdout and its stderr. The
/// child's ends are closed here once the child has its copies; the parent's ends are taken by
/// whoever keeps the run, or closed here if the start failed.
/// </summary>
internal sealed unsafe class StdioPipes : IDisposable
{
    private int _parentInput;
    private int _parentOutput;

    private StdioPipes(int childInput, int parentInput, int parentOutput, int childOutput)
    {
        ChildInput = childInput;
        _parentInput = parentInput;
        _parentOutput = parentOutput;
        ChildOutput = childOutput;
    }

    public int ChildInput { get; }

    public int ChildOutput { get; }

    public static StdioPipes Create(string program)
    {
        var input = stackalloc int[2];
        var output = stackalloc int[2];
        if (Libc.pipe2(input, Libc.O_CLOEXEC) != 0)
        {
            throw new SpawnException(program, Marshal.GetLastPInvokeError());
        }

        if (Libc.pipe2(output, Libc.O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Libc.close(input[0]);
            Libc.close(input[1]);
            throw new SpawnException(program, errno);
        }

        return new StdioPipes(input[0], input[1], output[0], output[1]);
    }

    /// <summary>The write end of the child's stdin, made non-blocking; the caller now owns it.</summary>
    public int TakeParentInput() => Take(ref _parentInput);

    /// <summary>The read end of the child's output, made non-blocking; the caller now owns it.</summary>
    public int TakeParentOutput() => Take(ref _parentOutput);

    private static int Take(ref int fd)
    {
        // Only this process's ends: the child's ends are separate open files and stay blocking.
        var taken = fd;
        Libc.fcntl(taken, Libc.F_SETFL, Libc.O_NONBLOCK);
        fd = -1;
        return taken;
    }

    public void Dispose()
    {
        Libc.close(ChildInput);
        Libc.close(ChildOutput);
        if (_parentInput >= 0)
        {
            Libc.close(_parentInput);
        }

        if (_parentOutput >= 0)
        {
            Libc.close(_parentOutput);
        }
    }
}
