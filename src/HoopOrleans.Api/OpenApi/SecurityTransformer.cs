using HoopOrleans.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// The two ways to send a key, <c>Authorization: Bearer &lt;key&gt;</c> and <c>Api-Key: &lt;key&gt;</c>
/// (what <see cref="ApiKeyAuthenticationHandler"/> reads), as security schemes, required (either
/// one) by the operations whose routes require authorization; the probes, the document and the
/// reference page need none.
/// </summary>
internal sealed class SecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerScheme = "Bearer";

    public const string ApiKeyScheme = "ApiKey";

    public const string ApiKeyHeader = "Api-Key";

    private const string WithoutKeys = " Needed only when the service has keys (`Auth:Keys`); without any, every call is `anonymous` and the service serves loopback only.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "`Authorization: Bearer <key>`, the way hoop's clients send it." + WithoutKeys,
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = "`Api-Key: <key>`, the legacy header; hoop's CLI sends it beside the bearer token." + WithoutKeys,
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        // Two requirements, either of which is enough; the schemes are the document's, added above.
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
        return Task.CompletedTask;
    }
}
