using CsCheck;
using HoopOrleans.Api.Grpc;

namespace HoopOrleans.Api.Tests.Grpc;

/// <summary>
/// <see cref="GobStringList"/> against bytes real Go wrote (Fixtures/make-gob-fixtures.go, committed
/// with its output) and against hand-forged streams. The expected strings are written out here, not
/// read back from Go.
/// </summary>
public sealed class GobStringListTests
{
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["args-empty.gob"] = [],
        ["args-one.gob"] = ["ls"],
        ["args-several.gob"] = ["--verbose", "-c", "a b c", "echo \"it's\" $(rm -rf /)", "héllo 世界", ""],
        ["args-long.gob"] = ["start", string.Concat(Enumerable.Repeat("0123456789", 7000)), "end"],
        ["args-300.gob"] = [.. Enumerable.Range(0, 300).Select(i => $"arg{i}")],
        // Encoded after a map[string]string in the same process, so []string is type 66, not 65.
        ["args-after-envvars.gob"] = ["-c", "select 1"],
        // type Args []string: the definition carries the name "Args".
        ["args-named-type.gob"] = ["-c", "true"],
    };

    public static TheoryData<string> Decodable => [.. Expected.Keys];

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Grpc", "Fixtures", name));

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Every_fixture_decodes_to_the_strings_go_encoded(string fixture)
    {
        Assert.True(GobStringList.TryDecode(Fixture(fixture), out var values, out var error), error);
        Assert.Equal(Expected[fixture], values);
    }

    [Fact]
    public void Go_writes_a_type_definition_then_the_value()
    {
        byte[] expected =
        [
            0x0C,             // message 1 is 12 bytes
            0xFF, 0x81,       //   int -65 (one byte follows; 129 = 64 << 1 | sign): defines type 65
            0x02,             //   wireType: delta 2, field SliceT
            0x01,             //     sliceType: delta 1, field CommonType
            0x02, 0xFF, 0x82, //       delta 2 (the empty Name left out), Id = 65
            0x00,             //       end of CommonType
            0x01, 0x0C,       //     delta 1, Elem = 6 (string)
            0x00,             //     end of sliceType
            0x00,             //   end of wireType
            0x07,             // message 2 is 7 bytes
            0xFF, 0x82,       //   int 65: a value of type 65
            0x00,             //   delta 0: a top-level value that is not a struct
            0x01,             //   1 element
            0x02, (byte)'l', (byte)'s',
        ];
        Assert.Equal(expected, Fixture("args-one.gob"));

        // 70,000 bytes: the message length (70,018) and the string length take 0xFD and three bytes.
        var longArgs = Fixture("args-long.gob");
        Assert.Equal([0xFD, 0x01, 0x11, 0x82], longArgs[13..17]);
        Assert.Equal([0xFD, 0x01, 0x11, 0x70], longArgs[27..31]);
    }

    [Theory]
    [InlineData("envvars-map.gob", "a gob map, not a list of strings")]
    [InlineData("ints.gob", "a gob slice of int, not of strings")]
    [InlineData("string.gob", "a gob string, not a list of strings")]
    public void Other_gob_types_are_refused(string fixture, string message) =>
        AssertRefused(Fixture(fixture), message);

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Every_truncation_is_refused(string fixture)
    {
        var bytes = Fixture(fixture);
        for (var length = 0; length < bytes.Length; length++)
        {
            var decoded = GobStringList.TryDecode(bytes.AsSpan(0, length), out var values, out var error);
            Assert.False(decoded, $"{fixture} cut to {length} bytes decoded");
            Assert.Null(values);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void Bytes_after_the_value_are_refused()
    {
        var one = Fixture("args-one.gob");
        AssertRefused([.. one, 0x00], "trailing bytes after the value");
        AssertRefused([.. one, 0x01, 0x00], "trailing bytes after the value");
        // What a second Encode on the same encoder would add: the value message again.
        AssertRefused([.. one, .. one[13..]], "trailing bytes after the value");
    }

    [Fact]
    public void The_test_encoder_writes_what_go_writes() =>
        Assert.Equal(Fixture("args-one.gob"), WithValue(Strings("ls"u8.ToArray())));

    [Fact]
    public void Forged_lengths_and_counts_are_refused()
    {
        byte[] huge = [0xF8, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]; // 2^63 - 1
        byte[] minusOne = [0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]; // 2^64 - 1, -1 as a signed length

        AssertRefused([.. huge, .. Definition], "truncated: a message is longer than the input");
        AssertRefused([.. minusOne, .. Definition], "truncated: a message is longer than the input");
        AssertRefused([.. Definition, 0x10, 0xFF, 0x82, 0x00, 0x00], "truncated: a message is longer than the input");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, .. huge]), "more than 10000 arguments");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, .. minusOne]), "more than 10000 arguments");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0x03, 0x01, (byte)'a']), "malformed value: more elements than it has bytes");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0x02, 0x01, (byte)'a', 0x00, 0x00]), "malformed value: bytes left after the last argument");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0x01, .. huge, (byte)'a']), "truncated: a string is longer than its message");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0x01, .. minusOne, (byte)'a']), "truncated: a string is longer than its message");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0x01, 0xFE, 0x01, 0x00, (byte)'a']), "truncated: a string is longer than its message");
        // Nine bytes after the count byte, and a one-byte value spelled in two: Go writes neither.
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0xF7, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "malformed integer");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0xFF, 0x01, 0x00]), "malformed integer: not in its shortest form");
        AssertRefused(WithValue([0xFF, 0x82, 0x00, 0xFE, 0x00, 0x01, 0x00]), "malformed integer: not in its shortest form");
    }

    [Fact]
    public void Ten_thousand_arguments_are_the_most()
    {
        var empties = Enumerable.Repeat(Array.Empty<byte>(), GobStringList.MaxElements).ToArray();
        Assert.True(GobStringList.TryDecode(WithValue(Strings(empties)), out var values, out var error), error);
        Assert.Equal(GobStringList.MaxElements, values.Length);
        Assert.All(values, value => Assert.Equal("", value));

        AssertRefused(WithValue(Strings([.. empties, []])), "more than 10000 arguments");
    }

    [Fact]
    public void Malformed_framing_is_refused()
    {
        AssertRefused([], "empty input");
        AssertRefused([0x00], "malformed: an empty message");
        AssertRefused(Definition, "truncated: no value after the type definition");
        AssertRefused([.. Definition, .. Definition], "more than one type definition");
        AssertRefused(WithValue([0xFF, 0x84, 0x00, 0x00]), "the value is not of the type defined before it");
        AssertRefused(WithValue([0xFF, 0x82, 0x01, 0x00]), "malformed value: a non-zero field delta for a top-level slice");
        // A value of a user type with no definition before it.
        AssertRefused([0x04, 0xFF, 0x82, 0x00, 0x00], "a value of a type the input does not define");
        // Definitions with a reserved id, an id past int32, and a CommonType naming another id.
        AssertRefused([0x0B, 0x7F, .. Definition[3..], 0x04, 0xFF, 0x82, 0x00, 0x00], "a type definition with an invalid id");
        AssertRefused([0x13, 0xF8, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. Definition[3..]], "a type definition with an invalid id");
        AssertRefused([0x0C, 0xFF, 0x81, 0x02, 0x01, 0x02, 0xFF, 0x84, 0x00, 0x01, 0x0C, 0x00, 0x00, 0x04, 0xFF, 0x82, 0x00, 0x00],
            "malformed type definition: it names a different type id");
        // A definition with a byte left over after its end.
        AssertRefused([0x0D, .. Definition[1..], 0x00, 0x04, 0xFF, 0x82, 0x00, 0x00], "malformed type definition");
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]             // a lead byte without its continuation
    [InlineData(new byte[] { 0xFF })]                   // never valid in UTF-8
    [InlineData(new byte[] { 0xC0, 0xAF })]             // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // a UTF-16 surrogate
    [InlineData(new byte[] { 0xE4, 0xB8 })]             // 世 cut short
    public void Invalid_utf8_is_refused(byte[] argument) =>
        AssertRefused(WithValue(Strings("ok"u8.ToArray(), argument)), "argument 2 is not valid UTF-8");

    [Fact]
    public void A_nul_character_is_refused()
    {
        AssertRefused(WithValue(Strings("a\0b"u8.ToArray())), "argument 1 contains a NUL character");
        AssertRefused(WithValue(Strings("ok"u8.ToArray(), [0x00])), "argument 2 contains a NUL character");
    }

    [Fact]
    public void Random_and_mutated_input_never_throws()
    {
        Gen.Byte.Array[0, 64].Sample(bytes => AssertConsistent(bytes), iter: 20_000);

        var fixtures = Expected.Keys.Where(name => name != "args-long.gob").Select(Fixture).ToArray();
        Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, int.MaxValue], Gen.Byte[0, 255]).Sample((index, position, replacement) =>
        {
            var bytes = (byte[])fixtures[index].Clone();
            bytes[position % bytes.Length] = replacement;
            AssertConsistent(bytes);
        }, iter: 20_000);
    }

    // The definition message Go writes for []string as type 65.
    private static byte[] Definition => Fixture("args-one.gob")[..13];

    // Definition, then a value message holding the given bytes.
    private static byte[] WithValue(byte[] value) => [.. Definition, .. Uint((ulong)value.Length), .. value];

    // The body of a value message of type 65 holding these strings.
    private static byte[] Strings(params byte[][] elements) =>
        [0xFF, 0x82, 0x00, .. Uint((ulong)elements.Length), .. elements.SelectMany(e => (byte[])[.. Uint((ulong)e.Length), .. e])];

    // Gob's unsigned integer in its shortest form.
    private static byte[] Uint(ulong value)
    {
        if (value < 0x80)
            return [(byte)value];
        var bytes = BitConverter.GetBytes(value).Reverse().SkipWhile(b => b == 0).ToArray();
        return [(byte)(256 - bytes.Length), .. bytes];
    }

    private static void AssertRefused(byte[] gob, string message)
    {
        Assert.False(GobStringList.TryDecode(gob, out var values, out var error));
        Assert.Null(values);
        Assert.Equal(message, error);
    }

    private static void AssertConsistent(byte[] gob)
    {
        if (GobStringList.TryDecode(gob, out var values, out var error))
            Assert.Null(error);
        else
        {
            Assert.Null(values);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
