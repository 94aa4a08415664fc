namespace HoopOrleans.Processes;

/// <summary>
/// A run's two pipes: one for its stdin, one that carries both its stdout and its stderr. The
/// child's ends are closed here once the child has its copies; the parent's ends are taken by
/// whoever keeps the run, or closed here if the start failed.
/// </summary>
internal sealed class StdioPipes : IDisposable
{
    private SafeFileDescriptorHandle? _parentInput;
    private SafeFileDescriptorHandle? _parentOutput;

    private StdioPipes(SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle parentInput, SafeFileDescriptorHandle parentOutput, SafeFileDescriptorHandle childOutput)
    {
        ChildInput = childInput;
        _parentInput = parentInput;
        _parentOutput = parentOutput;
        ChildOutput = childOutput;
    }

    /// <summary>The read end of the child's stdin, which the child gets a copy of.</summary>
    public SafeFileDescriptorHandle ChildInput { get; }

    /// <summary>The write end of the child's output, which the child gets as its stdout and stderr.</summary>
    public SafeFileDescriptorHandle ChildOutput { get; }

    public static StdioPipes Create(string program)
    {
        var input = DescriptorPairs.Pipe(program);
        try
        {
            var output = DescriptorPairs.Pipe(program);
            return new StdioPipes(input.Read, input.Write, output.Read, output.Write);
        }
        catch
        {
            input.Read.Dispose();
            input.Write.Dispose();
            throw;
        }
    }

    /// <summary>The write end of the child's stdin, made non-blocking; the caller now owns it.</summary>
    public SafeFileDescriptorHandle TakeParentInput() => Take(ref _parentInput);

    /// <summary>The read end of the child's output, made non-blocking; the caller now owns it.</summary>
    public SafeFileDescriptorHandle TakeParentOutput() => Take(ref _parentOutput);

    private static SafeFileDescriptorHandle Take(ref SafeFileDescriptorHandle? end)
    {
        var taken = end ?? throw new InvalidOperationException("This pipe end was already taken.");
        end = null;

        // Only this process's ends: the child's ends are separate open files and stay blocking.
        Libc.fcntl(taken, Libc.F_SETFL, Libc.O_NONBLOCK);
        return taken;
    }

    public void Dispose()
    {
        ChildInput.Dispose();
        ChildOutput.Dispose();
        _parentInput?.Dispose();
        _parentOutput?.Dispose();
    }
}
