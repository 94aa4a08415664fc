using System.Text;
using CsCheck;

namespace HoopOrleans.Testing.Faults;

/// <summary>
/// Generators of requests a hostile or broken client sends: bodies that are almost right or not
/// JSON at all, query values of every kind, ids that are not ids, headers out of range.
/// </summary>
public static class HostileRequests
{
    /// <summary>One request: where to, what query, which headers, what body bytes (null: none).</summary>
    public sealed record Request(HttpMethod Method, string Path, string Query, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, string ContentType)
    {
        public override string ToString() =>
            $"{Method} {Path}{Query} [{string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value}"))}] {ContentType} {(Body is null ? "(no body)" : Convert.ToBase64String(Body.Length > 256 ? Body[..256] : Body))}";
    }

    private static readonly string[] Texts =
    [
        "", " ", "0", "-1", "1e309", "NaN", "Infinity", "null", "true", "[]", "{}", "\u0000", "\ud800", "%00", "..", "../../etc/passwd",
        "€", "\U0001F680", "9223372036854775808", "-9223372036854775809", "00:00:01", "1.5", "2026-11-29T06:00:00-05:00",
        "2026-13-45T99:99:99Z", "' OR 1=1 --", "$(reboot)", "`id`", "<script>alert(1)</script>", new string('a', 5000),
    ];

    /// <summary>Text from a list of known troublemakers, or any text at all.</summary>
    public static readonly Gen<string> Text = Gen.Frequency((3, Gen.OneOf(Texts)), (2, Gen.String[0, 40]), (1, Gen.Char.Array[0, 300].Select(chars => new string(chars))));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Text.Select(Quote),
        Gen.Long.Select(n => n.ToString()),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R") : "1e400"),
        Gen.OneOf("true", "false", "null", "\"\\ud800\"", "\"\\u0000\"", "-0", "1E999"));

    /// <summary>A JSON value of any kind, nested up to three levels, sometimes thousands deep.</summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (6, Nested(Nested(Nested(Gen.Const("0"))))),
        (1, Gen.Int[100, 3000].Select(n => new string('[', n) + new string(']', n))));

    private static Gen<string> Nested(Gen<string> inner) => Gen.Frequency(
        (4, Scalar),
        (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
        (1, Gen.Select(Text, inner).Array[0, 4].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"{Quote(p.Item1)}:{p.Item2}")) + "}")));

    /// <summary>A session request body: a valid one with some fields broken, or anything at all.</summary>
    public static readonly Gen<byte[]> SessionBody = Gen.Frequency(
        (5, Gen.Select(
            Gen.Frequency((3, Gen.Const("\"noop\"")), (1, JsonValue)),
            Gen.Frequency((3, Gen.Const("\"true\"")), (1, JsonValue)),
            Gen.Frequency((2, Gen.Const("[]")), (1, JsonValue), (1, Text.Array[0, 5].Select(args => "[" + string.Join(",", args.Select(Quote)) + "]"))),
            Gen.Frequency((2, Gen.Const("{}")), (1, JsonValue)),
            Gen.Frequency((2, Gen.Const("{}")), (1, JsonValue)),
            Gen.Bool.Array[5],
            (connection, script, args, metadata, labels, keep) =>
            {
                var fields = new List<string>();
                void Add(bool present, string name, string value) { if (present) fields.Add($"\"{name}\":{value}"); }
                Add(keep[0], "connection", connection);
                Add(keep[1], "script", script);
                Add(keep[2], "client_args", args);
                Add(keep[3], "metadata", metadata);
                Add(keep[4], "labels", labels);
                return Encoding.UTF8.GetBytes("{" + string.Join(",", fields) + "}");
            })),
        (2, JsonValue.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 2000]),
        (1, Gen.Const(Encoding.UTF8.GetBytes("{\"connection\":\"noop\",\"script\":\"" + new string('x', 1_100_000) + "\"}"))));

    /// <summary>A review decision: right or wrong in any field, or not JSON.</summary>
    public static readonly Gen<byte[]> ReviewBody = Gen.Frequency(
        (3, Gen.Select(Gen.Frequency((2, Gen.OneOf("\"APPROVED\"", "\"REJECTED\"")), (1, JsonValue)), JsonValue,
            (status, reason) => Encoding.UTF8.GetBytes($"{{\"status\":{status},\"rejection_reason\":{reason}}}"))),
        (1, JsonValue.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 500]));

    /// <summary>A session id: a real one, a well-formed unknown one, or anything that fits in a path.</summary>
    public static Gen<string> SessionId(IReadOnlyList<string> known) => Gen.Frequency(
        (3, Gen.OneOf([.. known])),
        (1, Gen.Guid.Select(g => g.ToString())),
        (2, Text.Select(Uri.EscapeDataString)),
        (1, Gen.OneOf("%2e%2e", "a%2Fb", "%E2%82", "%FF%FE", "00000000-0000-0000-0000-000000000000", "{" + Guid.Empty + "}")));

    /// <summary>A query string of known names with hostile values, and unknown names.</summary>
    public static readonly Gen<string> Query = Gen.Select(
        Gen.OneOf("wait", "limit", "offset", "connection", "status", "start_date", "end_date", "user", "count", "expand", "event_stream", "x").Array[0, 4],
        Text.Array[4],
        (names, values) => names.Length == 0 ? "" : "?" + string.Join("&", names.Select((name, i) => $"{name}={Uri.EscapeDataString(values[i % values.Length])}")));

    /// <summary>Headers clients get wrong: idempotency keys, resume ids, content types.</summary>
    public static readonly Gen<(string, string)[]> Headers = Gen.Select(
        Gen.OneOf("Idempotency-Key", "Last-Event-ID", "Accept", "Origin", "X-Forwarded-For").Array[0, 3],
        Gen.Frequency((3, Gen.String[0, 30]), (1, Gen.Const(new string('k', 300))), (1, Gen.OneOf("1", "-1", "99999999999999999999", "null"))).Array[3],
        (names, values) => names.Select((name, i) => (name, Sanitize(values[i]))).ToArray());

    public static readonly Gen<string> ContentType = Gen.Frequency(
        (4, Gen.Const("application/json")), (1, Gen.OneOf("text/plain", "application/json; charset=latin1", "multipart/form-data", "", "application/x-www-form-urlencoded")));

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>Header values travel as ASCII without control characters: the client refuses others before sending.</summary>
    private static string Sanitize(string value) => new([.. value.Where(c => c is >= ' ' and < '\u007f')]);
}
