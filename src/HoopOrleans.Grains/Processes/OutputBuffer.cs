namespace HoopOrleans.Processes;

/// <summary>
/// Keeps the first <c>cap</c> bytes of a run's output and counts the rest as dropped. The capture
/// loop appends while readers (the session grain, for live streams) read and wait for more, so
/// every member is safe to call from any thread.
/// </summary>
public sealed class OutputBuffer(int cap)
{
    private const int InitialSize = 4096;
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

    public void Append(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource? grew;
        lock (_gate)
        {
            var room = cap - _length;
            if (data.Length > room)
            {
                _truncated = true;
                data = data[..room];
            }

            if (data.IsEmpty)
            {
                return;
            }

            if (_length + data.Length > _bytes.Length)
            {
                var size = Math.Max(_bytes.Length * 2, InitialSize);
                while (size < _length + data.Length)
                {
                    size *= 2;
                }

                Array.Resize(ref _bytes, Math.Min(size, cap));
            }

            data.CopyTo(_bytes.AsSpan(_length));
            _length += data.Length;
            grew = _grew;
            _grew = null;
        }

        grew?.TrySetResult();
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
