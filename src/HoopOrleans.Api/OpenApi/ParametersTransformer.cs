using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Adds the query parameters and headers of each route's <see cref="DocumentedParameter"/>
/// metadata to its operation, and describes its path parameters. Handlers read these from the
/// request themselves, to answer a malformed value with the contract's message rather than the
/// framework's binding error, so only metadata can tell the document about them.
/// </summary>
internal sealed class ParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var documented in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedParameter>())
        {
            var existing = operation.Parameters?.OfType<OpenApiParameter>()
                .FirstOrDefault(parameter => parameter.In == documented.In && parameter.Name == documented.Name);
            if (existing is not null)
            {
                existing.Description = documented.Description;
                continue;
            }

            // A path parameter is the route's to declare: one the route does not have is not added.
            if (documented.In == ParameterLocation.Path)
            {
                continue;
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = documented.Name,
                In = documented.In,
                Description = documented.Description,
                Required = false,
                Schema = new OpenApiSchema
                {
                    Type = documented.Type,
                    Format = documented.Format,
                    Enum = documented.Values?.Select(value => (JsonNode)JsonValue.Create(value)).ToList(),
                },
            });
        }

        return Task.CompletedTask;
    }
}
