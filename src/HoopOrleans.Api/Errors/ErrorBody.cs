using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Errors;

/// <summary>The body of every error answer.</summary>
public sealed record ErrorBody([property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
