using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

internal static class DocumentedParameterExtensions
{
    /// <summary>Documents a query parameter the handler reads itself.</summary>
    public static TBuilder WithQueryParameter<TBuilder>(
        this TBuilder builder, string name, JsonSchemaType type, string description, string? format = null, IReadOnlyList<string>? values = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedParameter(ParameterLocation.Query, name, type, description, format, values));

    /// <summary>Documents a request header the handler reads itself.</summary>
    public static TBuilder WithHeaderParameter<TBuilder>(this TBuilder builder, string name, JsonSchemaType type, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedParameter(ParameterLocation.Header, name, type, description));

    /// <summary>Describes a parameter of the route's path; routes without it are left as they are.</summary>
    public static TBuilder WithPathParameter<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedParameter(ParameterLocation.Path, name, JsonSchemaType.String, description));
}
