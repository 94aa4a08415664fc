using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// hoop.dev's session schema (<c>hoop-session.schema.json</c>, written from hoop's
/// <c>types.go</c>): its <c>Session</c> and <c>SessionList</c> definitions, with formats
/// (<c>uuid</c>, <c>date-time</c>) checked, not only noted.
/// </summary>
public static class HoopSchema
{
    private static readonly Lazy<JsonSchema> SessionSchema = new(() => Load("Session"));
    private static readonly Lazy<JsonSchema> SessionListSchema = new(() => Load("SessionList"));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static void AssertSession(JsonElement session) => AssertValid(SessionSchema.Value, session);

    public static void AssertSessionList(JsonElement list) => AssertValid(SessionListSchema.Value, list);

    /// <summary>Whether <paramref name="session"/> is a valid hoop <c>Session</c>, and why not.</summary>
    public static (bool Valid, string Errors) CheckSession(JsonElement session) => Check(SessionSchema.Value, session);

    private static void AssertValid(JsonSchema schema, JsonElement value)
    {
        var (valid, errors) = Check(schema, value);
        Assert.True(valid, $"{errors}\nin {value.GetRawText()}");
    }

    private static (bool, string) Check(JsonSchema schema, JsonElement value)
    {
        var results = schema.Evaluate(value, Options);
        var errors = (results.Details ?? []).Append(results)
            .Where(node => node.Errors is { Count: > 0 })
            .SelectMany(node => node.Errors!.Select(error => $"{node.InstanceLocation}: {error.Key}: {error.Value}"));
        return (results.IsValid, string.Join('\n', errors));
    }

    /// <summary>The schema file with its root pointing at <paramref name="definition"/>, each under a base URI of its own.</summary>
    private static JsonSchema Load(string definition)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Compatibility", "hoop-session.schema.json")))!.AsObject();
        root["$ref"] = $"#/$defs/{definition}";
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://hooporleans.invalid/tests/hoop-{definition}.schema.json"));
    }
}
