using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 strings in one native block, as argv and envp
/// are passed to posix_spawn.
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly byte* _block;

    /// <param name="values">The strings.</param>
    /// <param name="extra">One more string after them, when not null.</param>
    public NativeStringArray(IReadOnlyList<string> values, string? extra = null)
    {
        var count = values.Count + (extra is null ? 0 : 1);
        var pointerBytes = (count + 1) * sizeof(byte*);
        var textBytes = extra is null ? 0 : Encoding.UTF8.GetByteCount(extra) + 1;
        foreach (var value in values)
        {
            textBytes += Encoding.UTF8.GetByteCount(value) + 1;
        }

        _block = (byte*)NativeMemory.Alloc((nuint)(pointerBytes + textBytes));
        var pointers = (byte**)_block;
        var text = _block + pointerBytes;
        var remaining = textBytes;
        for (var i = 0; i < count; i++)
        {
            pointers[i] = text;
            var written = Encoding.UTF8.GetBytes(i < values.Count ? values[i] : extra!, new Span<byte>(text, remaining));
            text[written] = 0;
            text += written + 1;
            remaining -= written + 1;
        }

        pointers[count] = null;
    }

    public byte** Pointers => (byte**)_block;

    public void Dispose() => NativeMemory.Free(_block);
}
