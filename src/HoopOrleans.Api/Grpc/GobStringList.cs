using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// Reads the one gob value hoop's CLI sends as the <c>terminal.args</c> spec entry: Go's
/// <c>gob.NewEncoder(buf).Encode(args)</c> with <c>args</c> a <c>[]string</c>, a fresh encoder per value.
/// Anything else is refused with a short message, never an exception.
/// </summary>
/// <remarks>
/// That stream is always two messages, each an unsigned length followed by that many bytes:
/// <list type="number">
/// <item>a type definition: the negated type id, then gob's <c>wireType</c> struct with its
/// <c>SliceT</c> field set: <c>sliceType { CommonType { Name; Id }; Elem }</c>, Elem being
/// string (6);</item>
/// <item>the value: the type id, a zero field delta (a top-level value that is not a struct is
/// sent as the only field of a struct), the element count, then each string as a length and
/// its bytes.</item>
/// </list>
/// Structs are sent as (field delta, value) pairs ending with a zero delta; fields holding their
/// zero value are left out, which is why an unnamed <c>[]string</c>'s empty Name is missing.
/// The decoder walks this one shape and no other: no recursion, no type table, and every length
/// is checked against the bytes actually there before anything is allocated.
/// </remarks>
internal static class GobStringList
{
    /// <summary>The most arguments accepted.</summary>
    public const int MaxElements = 10_000;

    // Ids 1..64 are gob's own types; a process numbers user types from 65 in the order it first
    // encodes them. hoop's exec path encodes terminal.envvars (a map) first, making []string 66
    // there, so the id is taken from the definition, not assumed.
    private const long FirstUserTypeId = 65;
    private const long StringTypeId = 6;

    // wireType's fields are ArrayT, SliceT, StructT, MapT, GobEncoderT, BinaryMarshalerT,
    // TextMarshalerT (0..6); exactly one is set, so the first delta (from field -1) says which.
    private const ulong SliceTField = 2;

    public static bool TryDecode(ReadOnlySpan<byte> gob, [NotNullWhen(true)] out string[]? values, [NotNullWhen(false)] out string? error)
    {
        values = null;
        if (gob.IsEmpty)
            return Fail("empty input", out error);

        var input = gob;
        if (ReadMessage(ref input, out var definition) is { } e1)
            return Fail(e1, out error);
        if (ReadInt(ref definition, out var firstId) is { } e2)
            return Fail(e2, out error);
        if (firstId >= 0)
        {
            // A value with no definition before it: one of gob's predefined types (a plain string
            // is 6), or a user type this input never defined.
            return Fail(firstId < FirstUserTypeId ? $"a gob {Describe(firstId)}, not a list of strings" : "a value of a type the input does not define", out error);
        }
        // Go's type ids are int32; checked before negating, so long.MinValue cannot wrap around.
        if (firstId < -int.MaxValue || firstId > -FirstUserTypeId)
            return Fail("a type definition with an invalid id", out error);
        var typeId = -firstId;
        if (ReadSliceDefinition(ref definition, typeId) is { } e3)
            return Fail(e3, out error);

        if (input.IsEmpty)
            return Fail("truncated: no value after the type definition", out error);
        if (ReadMessage(ref input, out var value) is { } e4)
            return Fail(e4, out error);
        if (!input.IsEmpty)
            return Fail("trailing bytes after the value", out error);
        if (ReadInt(ref value, out var valueId) is { } e5)
            return Fail(e5, out error);
        if (valueId < 0)
            return Fail("more than one type definition", out error); // []string needs exactly one
        if (valueId != typeId)
            return Fail("the value is not of the type defined before it", out error);
        if (ReadUint(ref value, out var singletonDelta) is { } e6)
            return Fail(e6, out error);
        if (singletonDelta != 0)
            return Fail("malformed value: a non-zero field delta for a top-level slice", out error);

        if (ReadUint(ref value, out var count) is { } e7)
            return Fail(e7, out error);
        if (count > MaxElements)
            return Fail($"more than {MaxElements} arguments", out error);
        // Every element takes at least its length byte, so a count above the bytes left is a lie,
        // and the array below is never larger than a small multiple of the input.
        if (count > (ulong)value.Length)
            return Fail("malformed value: more elements than it has bytes", out error);

        var result = count == 0 ? [] : new string[count];
        for (var i = 0; i < result.Length; i++)
        {
            if (ReadBytes(ref value, out var bytes) is { } e8)
                return Fail(e8, out error);
            // Go strings are any bytes; ours go to processes and PostgreSQL text, which hold neither
            // invalid UTF-8 nor NUL. Each string is a slice of the input, so the decoded total can
            // never exceed the input's length.
            if (!Utf8.IsValid(bytes))
                return Fail($"argument {i + 1} is not valid UTF-8", out error);
            if (bytes.Contains((byte)0))
                return Fail($"argument {i + 1} contains a NUL character", out error);
            result[i] = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        }
        if (!value.IsEmpty)
            return Fail("malformed value: bytes left after the last argument", out error);

        values = result;
        error = null;
        return true;
    }

    // The wireType after the negated id: { SliceT: { CommonType: { [Name], Id }, Elem: string } }.
    private static string? ReadSliceDefinition(ref ReadOnlySpan<byte> s, long typeId)
    {
        const string Malformed = "malformed type definition";
        if (ReadUint(ref s, out var wireField) is { } e)
            return e;
        if (wireField != SliceTField)
        {
            return wireField switch
            {
                1 => "a gob array, not a list of strings",
                3 => "a gob struct, not a list of strings",
                4 => "a gob map, not a list of strings",
                5 or 6 or 7 => "a type with its own gob encoding, not a list of strings",
                _ => Malformed,
            };
        }

        // sliceType's first field (delta 1) is CommonType, a nested struct.
        if (ReadUint(ref s, out var field) is { } e1)
            return e1;
        if (field != 1)
            return Malformed;
        if (ReadUint(ref s, out field) is { } e2)
            return e2;
        if (field == 1)
        {
            // A Name: Go leaves it out for the unnamed []string; a named one (type Args []string)
            // sends it and is still a list of strings, so it is skipped, not refused.
            if (ReadBytes(ref s, out _) is { } e3)
                return e3;
            if (ReadUint(ref s, out field) is { } e4)
                return e4;
        }
        else if (field == 2)
        {
            field = 1; // Name left out: the delta to Id skipped it
        }
        if (field != 1)
            return Malformed;
        if (ReadInt(ref s, out var commonId) is { } e5)
            return e5;
        if (commonId != typeId)
            return Malformed + ": it names a different type id";
        if (ReadUint(ref s, out var end) is { } e6)
            return e6;
        if (end != 0)
            return Malformed;

        // Then sliceType's Elem, the element type's id.
        if (ReadUint(ref s, out field) is { } e7)
            return e7;
        if (field != 1)
            return Malformed;
        if (ReadInt(ref s, out var elem) is { } e8)
            return e8;
        if (elem != StringTypeId)
            return $"a gob slice of {Describe(elem)}, not of strings";

        // The zero deltas ending sliceType and wireType, and nothing after them.
        if (ReadUint(ref s, out var endSlice) is { } e9)
            return e9;
        if (ReadUint(ref s, out var endWire) is { } e10)
            return e10;
        return endSlice != 0 || endWire != 0 || !s.IsEmpty ? Malformed : null;
    }

    // A message: its length, then that many bytes.
    private static string? ReadMessage(ref ReadOnlySpan<byte> s, out ReadOnlySpan<byte> message)
    {
        message = default;
        if (ReadUint(ref s, out var length) is { } e)
            return e;
        if (length == 0)
            return "malformed: an empty message";
        if (length > (ulong)s.Length)
            return "truncated: a message is longer than the input";
        message = s[..(int)length];
        s = s[(int)length..];
        return null;
    }

    // A string or name: its length, then its bytes.
    private static string? ReadBytes(ref ReadOnlySpan<byte> s, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (ReadUint(ref s, out var length) is { } e)
            return e;
        if (length > (ulong)s.Length)
            return "truncated: a string is longer than its message";
        bytes = s[..(int)length];
        s = s[(int)length..];
        return null;
    }

    // Gob's unsigned integer: a value below 128 is its own byte; otherwise a byte holding minus
    // the number of big-endian bytes that follow (0xFF one, ..., 0xF8 eight). Go's encoder always
    // writes the shortest form, so a longer one (leading zero bytes) is refused: one value, one spelling.
    private static string? ReadUint(ref ReadOnlySpan<byte> s, out ulong value)
    {
        value = 0;
        if (s.IsEmpty)
            return "truncated";
        var first = s[0];
        if (first < 0x80)
        {
            value = first;
            s = s[1..];
            return null;
        }
        var width = 256 - first;
        if (width > 8)
            return "malformed integer";
        if (s.Length < 1 + width)
            return "truncated";
        for (var i = 1; i <= width; i++)
            value = value << 8 | s[i];
        if (s[1] == 0 || value < 0x80)
            return "malformed integer: not in its shortest form";
        s = s[(1 + width)..];
        return null;
    }

    // Gob's signed integer: an unsigned one whose low bit is the sign; the rest is the value,
    // complemented when negative (so -1 is 1, 1 is 2, -65 is 129).
    private static string? ReadInt(ref ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (ReadUint(ref s, out var u) is { } e)
            return e;
        var magnitude = (long)(u >> 1);
        value = (u & 1) == 0 ? magnitude : ~magnitude;
        return null;
    }

    private static string Describe(long id) => id switch
    {
        1 => "bool",
        2 => "int",
        3 => "uint",
        4 => "float",
        5 => "[]byte",
        6 => "string",
        7 => "complex",
        8 => "interface",
        _ => $"type {id}",
    };

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
