using System.Text.Json;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Security;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>Turns the JSON body of <c>POST /api/sessions</c> into a <see cref="SessionRequest"/>, or says what is wrong with it.</summary>
internal static class SessionRequestParser
{
    public const int MaxMetadataKeys = 20;

    /// <summary>Metadata keys and values must be shorter than this.</summary>
    public const int MaxMetadataLength = 2500;

    private const string EmptyObject = "{}";

    /// <summary>Reads the request's body: <c>413</c> past <paramref name="maxBytes"/>, else as <see cref="Parse"/> says.</summary>
    public static async Task<Parsed<SessionRequest>> ReadAsync(HttpRequest request, int maxBytes, string user)
    {
        var tooLarge = Refusal.TooLarge($"request body is larger than {maxBytes} bytes");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return Parse(document.RootElement, user);
        }
        catch (JsonException)
        {
            return Refusal.BadRequest(ApiErrors.NotJson);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
    }

    public static Parsed<SessionRequest> Parse(JsonElement root, string user)
    {
        if (JsonInputRules.Violation(root) is { } violation)
        {
            return Refusal.BadRequest(violation);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Refusal.BadRequest("request body must be a JSON object");
        }

        // The fields are checked on the document, in the order the body gives them, before it is
        // read as a record: the serializer would refuse a wrong type with a message of its own
        // instead of the contract's ("script must be a string"), would take a null among
        // client_args or label values, and would not keep the first fault first (metadata over
        // its limits ahead of a later wrong type is a 422, not a 400).
        foreach (var field in root.EnumerateObject())
        {
            if (Fault(field.Name, field.Value) is { } fault)
            {
                return fault;
            }
        }

        var body = root.Deserialize(ApiJsonContext.Default.SessionRequestBody)!;
        if (string.IsNullOrEmpty(body.Connection))
        {
            return Refusal.BadRequest(ApiErrors.ConnectionNotFound(""));
        }

        var request = new SessionRequest(
            body.Connection,
            body.Script ?? string.Empty,
            [.. body.ClientArgs ?? []],
            body.Metadata?.GetRawText() ?? EmptyObject,
            body.Labels?.GetRawText() ?? EmptyObject,
            user);
        return request;
    }

    /// <summary>What is wrong with one field of the body; null counts as absent, and unknown fields are ignored.</summary>
    private static Refusal? Fault(string name, JsonElement value) => (name, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        ("connection" or "script", not JsonValueKind.String) => WrongType(name, "a string"),
        ("client_args", _) when !IsArrayOfStrings(value) => WrongType(name, "an array of strings"),
        ("metadata", not JsonValueKind.Object) => WrongType(name, "an object"),
        ("labels", _) when !IsObjectOfStrings(value) => WrongType(name, "an object of strings"),
        ("metadata" or "labels", _) => CheckAttributeLimits(name, value),
        _ => null,
    };

    private static Refusal WrongType(string field, string expected) => Refusal.BadRequest($"{field} must be {expected}");

    /// <summary>metadata and labels: at most 20 keys (JsonInputRules has refused repeats), keys and values under 2,500 characters.</summary>
    private static Refusal? CheckAttributeLimits(string field, JsonElement value)
    {
        var keys = 0;
        foreach (var entry in value.EnumerateObject())
        {
            var length = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()!.Length : entry.Value.GetRawText().Length;
            if (entry.Name.Length >= MaxMetadataLength || length >= MaxMetadataLength)
            {
                return Refusal.Unprocessable($"{field} keys and values must be shorter than {MaxMetadataLength} characters");
            }

            keys++;
        }

        return keys > MaxMetadataKeys
            ? Refusal.Unprocessable($"{field} must have at most {MaxMetadataKeys} keys")
            : null;
    }

    // JsonInputRules has refused NULs, which would silently cut a C string argument short.
    private static bool IsArrayOfStrings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String);

    private static bool IsObjectOfStrings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(entry => entry.Value.ValueKind == JsonValueKind.String);
}
