using HoopOrleans.Api.Json;

namespace HoopOrleans.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>.</summary>
internal static class ApiDocumentExtensions
{
    public const string DocumentName = "v1";

    public const string DocumentPattern = "/openapi/{documentName}.json";

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

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        return app;
    }
}
