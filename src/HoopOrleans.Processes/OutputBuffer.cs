namespace HoopOrleans.Processes;

/// <summary>
/// Keeps the first <c>cap</c> bytes of a run's output and counts the rest as dropped. The capture
/// loop appends while readers (the session grain, for live streams) read and wait for more, so
/// every member is safe to call from any thread.
/// </summary>
public sealed class OutputBuffer(int cap)
{
    private readonly Lock _gate = new();
    private byte[] _bytes = [];
    private int _length;
    private bool _truncated;
    private TaskCompletionSource? _grew;

    public bool Truncated
    {
        get
        {
            lock (_gate)
            {
                return _truncated;
            }
        }
    }

    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _length;
            }
        }
    }

    /// <summary>
    /// Keeps what fits under the cap of <paramref name="data"/> and drops the rest. Returns whether
    /// there is room left for more.
    /// </summary>
    public bool Append(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource? grew;
        bool room;
        lock (_gate)
        {
            var free = cap - _length;
            if (data.Length > free)
            {
                _truncated = true;
                data = data[..free];
            }

            if (data.IsEmpty)
            {
                return _length < cap;
            }

            if (_length + data.Length > _bytes.Length)
            {
                // The first piece is often the whole output: sized exactly, it needs no trim at the end.
                var size = _bytes.Length == 0 ? data.Length : Math.Max(_bytes.Length * 2, _length + data.Length);
                Array.Resize(ref _bytes, Math.Min(size, cap));
            }

            data.CopyTo(_bytes.AsSpan(_length));
            _length += data.Length;
            room = _length < cap;
            grew = _grew;
            _grew = null;
        }

        grew?.TrySetResult();
        return room;
    }

    /// <summary>Records that output past the cap was dropped without being offered.</summary>
    public void MarkTruncated()
    {
        lock (_gate)
        {
            _truncated = true;
        }
    }

    /// <summary>A copy of at most <paramref name="maxBytes"/> kept bytes from <paramref name="offset"/> on.</summary>
    public byte[] Read(long offset, int maxBytes)
    {
        lock (_gate)
        {
            return offset >= _length ? [] : _bytes.AsSpan((int)offset, (int)Math.Min(maxBytes, _length - offset)).ToArray();
        }
    }

    /// <summary>Completes once more than <paramref name="length"/> bytes are kept.</summary>
    public Task WaitForMoreThanAsync(long length)
    {
        lock (_gate)
        {
            return _length > length ? Task.CompletedTask : (_grew ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>The kept bytes, exactly sized. Call once, after the last append.</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            if (_length != _bytes.Length)
            {
                Array.Resize(ref _bytes, _length);
            }

            return _bytes;
        }
    }
}
