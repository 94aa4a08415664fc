using System.Text.Json;

namespace HoopOrleans.Api.Security;

/// <summary>
/// One rule for every JSON body, whichever store keeps it: no object repeats a key (a repeated key
/// would let 400 copies of one metadata key pass the 20-key limit, and readers disagree on which
/// copy wins), and no string, name or value, holds U+0000 or an unpaired surrogate (PostgreSQL's
/// text and jsonb cannot store them, and argv cannot carry a NUL).
/// </summary>
internal static class JsonInputRules
{
    public const string RepeatedKey = "a JSON object in the request repeats a key";

    public const string BadString = "strings must not contain U+0000 or unpaired surrogates";

    /// <summary>What breaks the rules anywhere in <paramref name="element"/>, or null when nothing does.</summary>
    public static string? Violation(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            // Reading a name or a string with an unpaired surrogate escape (\ud800) throws.
            return BadString;
        }
    }

    private static string? Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    if (name.Contains('\0'))
                    {
                        return BadString;
                    }

                    if (!(names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                    {
                        return RepeatedKey;
                    }

                    if (Walk(property.Value) is { } violation)
                    {
                        return violation;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item) is { } violation)
                    {
                        return violation;
                    }
                }

                return null;
            case JsonValueKind.String:
                return element.GetString()!.Contains('\0') ? BadString : null;
            default:
                return null;
        }
    }
}
