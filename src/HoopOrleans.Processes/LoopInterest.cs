namespace HoopOrleans.Processes;

/// <summary>
/// A descriptor the <see cref="ProcessEventLoop"/> watches, and what it does when the descriptor is
/// ready. Once registered, only the loop thread closes it.
/// </summary>
internal abstract class LoopInterest(ProcessEventLoop loop, SafeFileDescriptorHandle descriptor)
{
    private volatile bool _closed;

    /// <summary>The loop's id for this interest, 0 until it is registered; never reused, so a stale event finds nothing.</summary>
    public long Id { get; set; }

    public SafeFileDescriptorHandle Descriptor => descriptor;

    /// <summary>Whether the loop has let go of the descriptor; safe to read from any thread.</summary>
    public bool IsClosed => _closed;

    protected ProcessEventLoop Loop => loop;

    /// <summary>Handles readiness; runs on the loop thread.</summary>
    public abstract void OnReady(uint events);

    /// <summary>Stops watching and lets the interest release its descriptor; loop thread only, once.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        loop.Forget(this);
        OnClosed();
    }

    /// <summary>Releases what the interest holds; the descriptor by default.</summary>
    protected virtual void OnClosed() => descriptor.Dispose();
}
