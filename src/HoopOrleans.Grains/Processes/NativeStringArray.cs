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

    public NativeStringArray(IReadOnlyList<string> values)
    {
        var pointerBytes = (values.Count + 1) * sizeof(byte*);
        var textBytes = 0;
        foreach (var value in values)
        {
            textBytes += Encoding.UTF8.GetByteCount(value) + 1;
        }

        _block = (byte*)NativeMemory.Alloc((nuint)(pointerBytes + textBytes));
        var pointers = (byte**)_block;
        var text = _block + pointerBytes;
        var remaining = textBytes;
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = text;
            var written = Encoding.UTF8.GetBytes(values[i], new Span<byte>(text, remaining));
            text[written] = 0;
            text += written + 1;
            remaining -= written + 1;
        }

        pointers[values.Count] = null;
    }

    public byte** Pointers => (byte**)_block;

    public void Dispose() => NativeMemory.Free(_block);
}
