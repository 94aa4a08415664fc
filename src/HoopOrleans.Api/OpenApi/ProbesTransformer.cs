using System.Text.Json.Nodes;
using HoopOrleans.Api.Errors;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Lists the probes (<c>/healthz</c>, <c>/readyz</c>, <c>/health</c>) from their endpoints'
/// metadata. They are health-check endpoints, made of middleware rather than a handler, which the
/// generator skips; their names, summaries and the <c>Operations</c> tag are on the endpoints all
/// the same, and this lists every endpoint so tagged.
/// </summary>
internal sealed class ProbesTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public const string AnswerSchema = "ProbeAnswer";

    private const string Served = " Served without a key. With `Management:Urls` set, it is served on that listener only (any `Host`, `GET` only) and is `404` here.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var probes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains(ManagementRoutes.Tag) == true)
            .ToList();
        if (probes.Count == 0)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[AnswerSchema] = Answer();
        document.Paths ??= [];
        foreach (var probe in probes)
        {
            var summary = probe.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary;
            var operation = new OpenApiOperation
            {
                OperationId = probe.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Summary = summary,
                Description = summary + "." + Served,
                Tags = new HashSet<OpenApiTagReference> { new(ManagementRoutes.Tag, document) },
                Responses = new OpenApiResponses
                {
                    ["200"] = Response("Healthy (or degraded): the checks and their states.", document),
                    ["503"] = Response("Not healthy: `message` names the checks that failed.", document),
                    ["400"] = Error("A `Host` the node does not answer to.", document),
                    ["403"] = Error("A foreign `Origin`, or a run calling a service that has no keys.", document),
                },
            };
            document.Paths["/" + probe.RoutePattern.RawText!.TrimStart('/')] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The JSON a probe answers with (see the probes' answer writer).</summary>
    private static OpenApiSchema Answer() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "checks" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetNames<HealthStatus>().Select(name => (JsonNode)JsonValue.Create(name))],
            },
            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Present when not healthy: what failed." },
            ["checks"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each check the probe ran, by name, with its state.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        },
    };

    private static OpenApiResponse Response(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(AnswerSchema, document) },
        },
    };

    /// <summary>On the node's own addresses the probes meet the request guard, as every route does.</summary>
    private static OpenApiResponse Error(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ErrorBody), document) },
        },
    };
}
