namespace HoopOrleans.Processes;

/// <summary>Keeps the first <c>cap</c> bytes of a run's output and counts the rest as dropped.</summary>
internal sealed class OutputBuffer(int cap)
{
    private const int InitialSize = 4096;
    private byte[] _bytes = [];
    private int _length;

    public bool Truncated { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        var room = cap - _length;
        if (data.Length > room)
        {
            Truncated = true;
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
    }

    /// <summary>The kept bytes, exactly sized.</summary>
    public byte[] ToArray()
    {
        if (_length != _bytes.Length)
        {
            Array.Resize(ref _bytes, _length);
        }

        return _bytes;
    }
}
