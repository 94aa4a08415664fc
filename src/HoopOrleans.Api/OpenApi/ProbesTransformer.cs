using System.Text.Json.Nodes;
using HoopOrleans.Api.Errors;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Lists the operators' routes (the probes <c>/healthz</c>, <c>/readyz</c>, <c>/health</c>, and the
/// scrape <c>/metrics</c>) from their endpoints' metadata. They are health-check endpoints, made of middleware rather than a handler, which the
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
            var path = "/" + probe.RoutePattern.RawText!.TrimStart('/');
            if (path == ManagementRoutes.Metrics)
            {
                document.Paths[path] = new OpenApiPathItem
                {
                    Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = Metrics(probe, document) },
                };
                continue;
            }

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
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The scrape: Prometheus' text format, behind an admin or auditor key where keys are configured.</summary>
    private static OpenApiOperation Metrics(RouteEndpoint endpoint, OpenApiDocument document)
    {
        var summary = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary;
        return new OpenApiOperation
        {
            OperationId = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            Summary = summary,
            Description = summary + ". With keys configured it needs an `admin` or `auditor` key unless `Management:Open=true`; with `Management:Urls` set, it is served on that listener only and is `404` here.",
            Tags = new HashSet<OpenApiTagReference> { new(ManagementRoutes.Tag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The node's metrics, the `hooporleans_` series among them.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                },
                ["401"] = Error("No key, or one the service does not know (keys configured).", document),
                ["403"] = Error("A key that is neither admin nor auditor; a foreign `Origin`; a run calling a service that has no keys.", document),
                ["404"] = Error("Telemetry is off (`Telemetry:Enabled=false`).", document),
            },
        };
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
