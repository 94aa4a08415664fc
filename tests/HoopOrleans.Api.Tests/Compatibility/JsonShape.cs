using System.Text.Json;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>Assertions on the JSON types of an answer's fields, as hoop.dev's clients decode them.</summary>
public static class JsonShape
{
    /// <summary>Each named field is present with the given JSON type.</summary>
    public static void AssertKinds(JsonElement value, params (string Name, JsonValueKind Kind)[] fields)
    {
        foreach (var (name, kind) in fields)
        {
            Assert.True(value.TryGetProperty(name, out var field), $"{name} is missing");
            Assert.True(kind == field.ValueKind, $"{name} is {field.ValueKind}, not {kind}");
        }
    }

    /// <summary>The field is a time in RFC 3339 with a zone, as Go's <c>time.Time</c> decodes it.</summary>
    public static DateTimeOffset AssertTime(JsonElement value, string name)
    {
        var text = value.GetProperty(name).GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text);
        return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The object's property names, in order.</summary>
    public static string[] Names(JsonElement value) => [.. value.EnumerateObject().Select(property => property.Name)];
}
