using Microsoft.Win32.SafeHandles;

namespace HoopOrleans.Processes;

/// <summary>
/// A file descriptor this process owns: a pipe end, a pidfd, a socket, an epoll or eventfd. It is
/// closed exactly once, by <see cref="IDisposable.Dispose"/> or, if its owner forgets, by the
/// finalizer; a libc call that takes it keeps it open until the call returns, so a close on another
/// thread cannot pull the number from under a read and hand it to a descriptor opened meanwhile.
/// </summary>
internal sealed class SafeFileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>For the interop marshaller, which fills in the descriptor a libc call returns.</summary>
    public SafeFileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of <paramref name="descriptor"/>.</summary>
    public SafeFileDescriptorHandle(int descriptor)
        : base(ownsHandle: true) => SetHandle(descriptor);

    /// <summary>
    /// Keeps the descriptor open while its number is used as data (a file action of posix_spawn,
    /// a descriptor sent with SCM_RIGHTS), where no marshaller holds it for the call.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The descriptor is already closed.</exception>
    public DescriptorLease Lease() => new(this);

    /// <summary>
    /// A failed call's -1, however it arrived. The libc calls that make descriptors return an
    /// <c>int</c>, and the interop marshaller reads a handle as a whole register: on x86-64 a
    /// returned -1 can arrive as 0xFFFFFFFF, which the base class's test (the handle is -1) takes
    /// for a descriptor. No descriptor number is negative as an <c>int</c>.
    /// </summary>
    public override bool IsInvalid => (int)handle < 0;

    /// <summary>The descriptor's number; only for log messages, where a closed one does no harm.</summary>
    public int NumberForLogs => (int)handle;

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
