using HoopOrleans.Api.Connections;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Operations.Management;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>The document's title and description, and what its tags hold.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string Title = "HoopOrleans";

    /// <summary>What a reader needs before any route: compatibility, the alias, keys, errors.</summary>
    public const string Description = """
        Runs scripts on named connections and keeps every run as a session. The routes are hoop.dev's
        `/api/sessions` API, so clients written for hoop work unchanged.

        Every route under `/api/sessions` is also served under `/sessions` (`POST /sessions`,
        `GET /sessions/{id}`, …): the path is rewritten before routing, so the alias is not a route
        of its own and is not listed here. Answers always point at `/api/sessions`.

        With keys configured (`Auth:Keys`), every `/api` route needs one, sent as
        `Authorization: Bearer <key>` or `Api-Key: <key>`, and what a key may do is its roles'
        (`admin`, `user`, `reviewer`, `auditor`). Without keys every call is `anonymous` and the
        service answers to loopback names only. Every error is `{"message": "…"}`, never a stack
        trace. This document (`/openapi/v1.json`) and the reference page (`/docs`) hold no session
        data and need no key.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = Title, Version = context.DocumentName, Description = Description };
        Describe(document, SessionEndpoints.Tag, "Runs and the sessions that keep them.");
        Describe(document, ConnectionEndpoints.Tag, "The connections the caller may use, and whether a node serves each now.");
        Describe(document, ManagementRoutes.Tag, "Probes for orchestrators and the scrape for Prometheus. With `Management:Urls` set they move to that listener and are no longer served here.");
        return Task.CompletedTask;
    }

    /// <summary>The generator lists each tag its operations name, without a description.</summary>
    private static void Describe(OpenApiDocument document, string name, string description)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (document.Tags.FirstOrDefault(tag => tag.Name == name) is { } listed)
        {
            listed.Description = description;
        }
        else
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }
    }
}
