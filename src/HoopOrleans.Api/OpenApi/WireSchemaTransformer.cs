using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Makes the schemas say what the wire carries where the generator cannot know it: the values the
/// API writes with converters of its own (<see cref="RunOutput"/>, <see cref="RawJsonObject"/>,
/// <see cref="EventStream"/>, which it would show as anything), the request bodies the handlers
/// check by hand (<see cref="SessionRequestBody"/>, <see cref="ReviewRequest"/>), and fields left
/// out when null, which are neither required nor ever null.
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>
    /// The generator's mark on a property schema that may be null, which makes it
    /// <c>oneOf: [null, $ref]</c> once the type becomes a component.
    /// </summary>
    private const string NullableMark = "x-is-nullable-property";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // These types are met as properties, and their components are made from the schema seen here.
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        DescribeWrittenValue(schema, type);
        if (context.JsonPropertyInfo is { } property)
        {
            if (IsOmittedWhenNull(property))
            {
                schema.Metadata?.Remove(NullableMark);
            }

            return Task.CompletedTask;
        }

        if (type == typeof(SessionRequestBody))
        {
            DescribeRunRequest(schema);
        }
        else if (type == typeof(ReviewRequest))
        {
            schema.Required = new HashSet<string> { "status" };
            var status = Property(schema, "status");
            status.Type = JsonSchemaType.String;
            status.Enum = [JsonValue.Create(SessionReview.Approved), JsonValue.Create(SessionReview.Rejected)];
            Property(schema, "rejection_reason").Description = "Why, when rejecting.";
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var omitted in context.JsonTypeInfo.Properties.Where(IsOmittedWhenNull))
            {
                schema.Required?.Remove(omitted.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeWrittenValue(OpenApiSchema schema, Type type)
    {
        if (type == typeof(RunOutput))
        {
            schema.Type = JsonSchemaType.String;
            schema.Description = "The run's output, stdout and stderr interleaved as written, as UTF-8 text (invalid bytes become U+FFFD); at most `Sessions:MaxOutputBytes` bytes.";
        }
        else if (type == typeof(RawJsonObject))
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description = "A JSON object, as the client (or the connection's configuration) gave it.";
        }
        else if (type == typeof(EventStream))
        {
            schema.Type = JsonSchemaType.Array;
            schema.Description = "hoop's `event_stream`: `[\"<text>\"]` for `event_stream=utf8`, `[\"<base64>\"]` for `base64`, and hoop's raw events, `[[0, \"o\", \"<base64>\"]]`, without a format.";
        }
    }

    /// <summary>Only <c>connection</c> is required (and may not be null); the handler checks the rest as the contract says.</summary>
    private static void DescribeRunRequest(OpenApiSchema schema)
    {
        schema.Required = new HashSet<string> { "connection" };
        var connection = Property(schema, "connection");
        connection.Type = JsonSchemaType.String;
        connection.Description = "A configured connection the caller may use.";
        Property(schema, "script").Description = "Written to the program's stdin, which is then closed.";
        Property(schema, "client_args").Description = "Appended to the connection's argv, one argument each, byte for byte; never parsed by a shell.";
        schema.Properties!["metadata"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object | JsonSchemaType.Null,
            MaxProperties = SessionRequestParser.MaxMetadataKeys,
            Description = $"Stored with the session: at most {SessionRequestParser.MaxMetadataKeys} keys, keys and values shorter than {SessionRequestParser.MaxMetadataLength} characters.",
        };
        schema.Properties["labels"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object | JsonSchemaType.Null,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "Deprecated in favour of `metadata`: an object of strings, stored with the session.",
        };
    }

    /// <summary>A field left out of the answer when null (a list item's <c>output</c>, a stream's result without its output).</summary>
    private static bool IsOmittedWhenNull(JsonPropertyInfo property) =>
        (property.AttributeProvider as MemberInfo)?.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull;

    private static OpenApiSchema Property(OpenApiSchema schema, string name) =>
        schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema concrete
            ? concrete
            : throw new InvalidOperationException($"the schema has no property {name}; the record and the document disagree");
}
