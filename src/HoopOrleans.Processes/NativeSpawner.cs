using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>
/// The node's <c>hoop-spawner</c> (Native/hoop-spawner.c), a small long-lived process that starts
/// every run: it joins the run's cgroups, drops to the run's user and execs the program, with no
/// exec of a wrapper per run. Its children are this process's children (it clones them with
/// CLONE_PARENT), so they are reaped and watched as if started here. When this process ends,
/// however it ends, the spawner kills the node's cgroup.
/// </summary>
internal sealed unsafe class NativeSpawner : IDisposable
{
    /// <summary>The spawner's file name, beside the service's assemblies.</summary>
    public const string FileName = "hoop-spawner";

    /// <summary>
    /// The longest request the spawner reads (MAX_REQUEST in hoop-spawner.c), the length word
    /// excluded. Far more than any program can be given: Linux's execve refuses argv and envp
    /// past a quarter of the stack limit, and any one string past 128 KiB.
    /// </summary>
    internal const int MaxRequestBytes = 64 << 20;

    private const uint SetIds = 1;
    private const int HeaderWords = 8;

    private readonly Lock _gate = new();
    private readonly ChildProcess _process;
    private readonly SafeFileDescriptorHandle _socket;

    /// <param name="nodeCgroupKill">The node cgroup's <c>cgroup.kill</c>, written when this process goes; null without cgroups.</param>
    /// <param name="nodeCgroups">The node's cgroup directories, removed once the kill has emptied them.</param>
    public NativeSpawner(string? nodeCgroupKill, IReadOnlyList<string> nodeCgroups)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: it is built with the project by the C compiler (apt-get install gcc).");
        }

        // The spawner's stdin is its end of the socket; this process keeps only the other.
        var (mine, theirs) = DescriptorPairs.UnixStreamSockets(FileName);
        using (theirs)
        {
            try
            {
                _process = HelperProcesses.SpawnWithStdio(path, [FileName, nodeCgroupKill ?? "-", .. nodeCgroups], ["PATH=/usr/bin:/bin"], theirs);
            }
            catch
            {
                mine.Dispose();
                throw;
            }
        }

        _socket = mine;
    }

    /// <summary>The spawner's own process, for the event loop to reap should it exit.</summary>
    public ChildProcess Process => _process;

    /// <summary>
    /// Starts <paramref name="program"/> with <paramref name="childInput"/> as its stdin and
    /// <paramref name="childOutput"/> as its stdout and stderr, in a session of its own (so with no
    /// controlling terminal, and with a process group whose id is its pid), in the cgroups of
    /// <paramref name="cgroupDirectories"/>.
    /// </summary>
    /// <returns>The process id and a pidfd for it, which the caller now owns.</returns>
    /// <exception cref="SpawnException">
    /// The program could not be started; a child that failed before exec has been reaped. A request
    /// over <see cref="MaxRequestBytes"/> is refused here, before anything is sent: the spawner
    /// would refuse it too (E2BIG), having read it all.
    /// </exception>
    public (int Pid, SafeFileDescriptorHandle PidFd) Spawn(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? extraVariable,
        RunIdentity? identity, IReadOnlyList<string> cgroupDirectories, SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle childOutput)
    {
        var request = Encode(program, argv, environment, extraVariable, identity, cgroupDirectories);
        try
        {
            int error, pid;
            SafeFileDescriptorHandle? pidFd;
            lock (_gate)
            {
                Send(request.AsSpan(0, BinaryPrimitives.ReadInt32LittleEndian(request) + 4), childInput, childOutput);
                (error, pid, pidFd) = Receive();
            }

            if (error == 0 && pidFd is not null)
            {
                return (pid, pidFd);
            }

            if (pid > 0)
            {
                // The clone failed before exec and exited; it is this process's child to reap.
                Libc.waitpid(pid, null, 0);
            }

            pidFd?.Dispose();
            throw new SpawnException(argv[0], error == 0 ? Libc.EINVAL : error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    /// <summary>
    /// The request in a pooled buffer, written straight from the run's own lists: this is on the
    /// path of every start, and whatever it allocated would be garbage as soon as it was sent.
    /// </summary>
    private static byte[] Encode(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? extraVariable,
        RunIdentity? identity, IReadOnlyList<string> cgroupDirectories)
    {
        var groups = identity is null ? default : identity.Groups.AsSpan();
        var workingDirectory = identity?.WorkingDirectory ?? "";
        var body = (HeaderWords + groups.Length) * 4L + Size(program) + Size(workingDirectory) + Size(argv) + Size(environment)
            + (extraVariable is null ? 0 : Size(extraVariable)) + Size(cgroupDirectories) + cgroupDirectories.Count * (ProcsFile.Length - 1L);
        if (body > MaxRequestBytes)
        {
            throw new SpawnException(argv[0], Libc.E2BIG,
                $"its program, arguments, environment and directories come to {body} bytes, more than the {MaxRequestBytes} a start may carry");
        }

        var length = 4 + (int)body;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, length - 4);
        var at = 4;
        foreach (var word in (ReadOnlySpan<uint>)[identity is null ? 0 : SetIds, identity?.Uid ?? 0, identity?.Gid ?? 0, (uint)groups.Length,
            (uint)cgroupDirectories.Count, (uint)argv.Count, (uint)(environment.Count + (extraVariable is null ? 0 : 1)), 0])
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], word);
            at += 4;
        }

        foreach (var group in groups)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], group);
            at += 4;
        }

        Put(span, ref at, program);
        Put(span, ref at, workingDirectory);
        foreach (var directory in cgroupDirectories)
        {
            // The spawner is sent the file its child writes itself into.
            at += Encoding.UTF8.GetBytes(directory, span[at..]);
            ProcsFile.CopyTo(span[at..]);
            at += ProcsFile.Length;
        }

        Put(span, ref at, argv);
        Put(span, ref at, environment);
        if (extraVariable is not null)
        {
            Put(span, ref at, extraVariable);
        }

        return buffer;
    }

    private static ReadOnlySpan<byte> ProcsFile => "/cgroup.procs\0"u8;

    private static int Size(string text) => Encoding.UTF8.GetByteCount(text) + 1;

    private static long Size(IReadOnlyList<string> texts)
    {
        var size = 0L;
        for (var i = 0; i < texts.Count; i++)
        {
            size += Size(texts[i]);
        }

        return size;
    }

    private static void Put(Span<byte> span, ref int at, string text)
    {
        at += Encoding.UTF8.GetBytes(text, span[at..]);
        span[at++] = 0;
    }

    private static void Put(Span<byte> span, ref int at, IReadOnlyList<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            Put(span, ref at, texts[i]);
        }
    }

    private void Send(ReadOnlySpan<byte> request, SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle childOutput)
    {
        if (SendFrame(_socket, request, childInput, childOutput) is var error and not 0)
        {
            throw new SpawnException(FileName, error);
        }
    }

    /// <summary>
    /// Writes one request to a spawner's socket with the run's stdin and output attached to its first
    /// bytes (SCM_RIGHTS), as the spawner reads it; returns 0, or the errno of a send that failed.
    /// </summary>
    internal static int SendFrame(SafeFileDescriptorHandle socket, ReadOnlySpan<byte> request, SafeFileDescriptorHandle childInput, SafeFileDescriptorHandle childOutput)
    {
        // The kernel copies the descriptors into the message during sendmsg: they stay open until then.
        using var input = childInput.Lease();
        using var output = childOutput.Lease();
        var space = Libc.ControlSpace(2 * sizeof(int));
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        var header = (Libc.ControlHeader*)control;
        header->Length = (nuint)Libc.ControlLength(2 * sizeof(int));
        header->Level = Libc.SOL_SOCKET;
        header->Type = Libc.SCM_RIGHTS;
        var fds = (int*)(control + sizeof(Libc.ControlHeader));
        fds[0] = input.Number;
        fds[1] = output.Number;

        fixed (byte* bytes = request)
        {
            var io = new Libc.IoVec { Base = bytes, Length = (nuint)request.Length };
            var message = new Libc.MessageHeader { Io = &io, IoCount = 1, Control = control, ControlLength = (nuint)space };
            var sent = Libc.sendmsg(socket, &message, Libc.MSG_NOSIGNAL);
            while (sent >= 0 && sent < request.Length)
            {
                // A long request goes on without the descriptors, which travelled with its first bytes.
                var more = Libc.send(socket, bytes + sent, (nuint)(request.Length - sent), Libc.MSG_NOSIGNAL);
                sent = more < 0 ? more : sent + more;
            }

            return sent < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
    }

    /// <returns>The spawner's errno and pid, and the pidfd that came with them, if one did.</returns>
    private (int Error, int Pid, SafeFileDescriptorHandle? PidFd) Receive()
    {
        var answer = stackalloc int[2];
        var space = Libc.ControlSpace(sizeof(int));
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        var io = new Libc.IoVec { Base = answer, Length = 2 * sizeof(int) };
        var message = new Libc.MessageHeader { Io = &io, IoCount = 1, Control = control, ControlLength = (nuint)space };
        nint got;
        while ((got = Libc.recvmsg(_socket, &message, Libc.MSG_WAITALL | Libc.MSG_CMSG_CLOEXEC)) < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR)
        {
        }

        var errno = Marshal.GetLastPInvokeError();
        var header = (Libc.ControlHeader*)control;
        var pidFd = got > 0 && message.ControlLength >= (nuint)Libc.ControlLength(sizeof(int)) && header->Level == Libc.SOL_SOCKET && header->Type == Libc.SCM_RIGHTS
            ? new SafeFileDescriptorHandle(*(int*)(control + sizeof(Libc.ControlHeader)))
            : null;
        if (got != 2 * sizeof(int))
        {
            // A cut reply: the spawner died mid-answer. A descriptor that came with its first bytes is closed.
            pidFd?.Dispose();
            throw new SpawnException(FileName, got < 0 ? errno : Libc.EPIPE);
        }

        return (answer[0], answer[1], pidFd);
    }

    /// <summary>Closes the socket: the spawner kills the node's runs and exits.</summary>
    public void Dispose() => _socket.Dispose();
}
