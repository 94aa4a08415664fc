using System.IO.Pipelines;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>Keeps what is flushed, and notes the most that was written but not yet flushed.</summary>
public sealed class MeasuringPipeWriter : PipeWriter
{
    private readonly MemoryStream _flushed = new();
    private byte[] _buffer = new byte[4096];
    private int _held;

    public MemoryStream Written => _flushed;

    public long MostHeld { get; private set; }

    public override void Advance(int bytes)
    {
        _held += bytes;
        MostHeld = Math.Max(MostHeld, _held);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        var needed = _held + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        return _buffer.AsMemory(_held);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        _flushed.Write(_buffer, 0, _held);
        _held = 0;
        return ValueTask.FromResult(new FlushResult(false, false));
    }

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }
}
