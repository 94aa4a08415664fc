using HoopOrleans.Api.Json;
using Scalar.AspNetCore;

namespace HoopOrleans.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the reference page at <c>/docs</c>.</summary>
internal static class ApiDocumentExtensions
{
    public const string DocumentName = "v1";

    public const string DocumentPattern = "/openapi/{documentName}.json";

    public const string PagePath = "/docs";

    /// <summary>The document, generated from the endpoints' metadata and the transformers here.</summary>
    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<SecurityTransformer>();
            options.AddDocumentTransformer<ProbesTransformer>();
            options.AddOperationTransformer<SecurityTransformer>();
            options.AddOperationTransformer<ParametersTransformer>();
            options.AddOperationTransformer<ErrorAnswersTransformer>();
            options.AddOperationTransformer<ResponseHeadersTransformer>();
            options.AddOperationTransformer<OutputStreamsTransformer>();
            options.AddSchemaTransformer<WireSchemaTransformer>();
        });

        // The generator describes bodies with the framework's JSON options, which ApiJsonContext
        // gives the API's snake_case names. The answers are written with the context's own options,
        // which take numbers as numbers only; left at the web default (numbers read from strings too),
        // every integer would be documented as "an integer or a string". No handler binds a JSON body
        // through the framework, so this changes what the document says and nothing else.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = ApiJsonContext.Default.Options.NumberHandling);
        return builder;
    }

    /// <summary>
    /// The reference page, with every asset served by this service and nothing that calls another
    /// host: its script is the one bundled in Scalar's package (never its CDN), no web fonts (they
    /// come from Scalar's CDN), no request proxy (Scalar proxies "try it" through a host of its own
    /// when given one; without, the page calls this service itself), no telemetry, no AI agent, no
    /// MCP link, no developer toolbar (its "Share" and "Deploy" send the document to Scalar's hosts)
    /// and no button opening Scalar's hosted client; "try it" stays, in the page's own client.
    /// </summary>
    private static void ConfigurePage(ScalarOptions page)
    {
        page.WithTitle($"{DocumentInfoTransformer.Title} API reference")
            .WithOpenApiRoutePattern(DocumentPattern)
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton()
            .WithNonce();
        page.ProxyUrl = null;
        page.Telemetry = false;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        app.MapScalarApiReference(PagePath, ConfigurePage).AllowAnonymous().AddEndpointFilter<IEndpointConventionBuilder, ReferencePagePolicy>();
        return app;
    }
}
