using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Endpoint metadata for a query parameter or header that the handler reads from the request
/// itself (so the generator cannot see it in the handler's signature), or a description for a path
/// parameter it does see. <see cref="ParametersTransformer"/> writes it into the document.
/// </summary>
/// <param name="In">Where the parameter is sent.</param>
/// <param name="Name">Its name, as the request carries it.</param>
/// <param name="Type">Its JSON schema type.</param>
/// <param name="Description">What it does, in the document's words.</param>
/// <param name="Format">A JSON schema format (<c>date-time</c>), if any.</param>
/// <param name="Values">The values it takes, when they are few.</param>
internal sealed record DocumentedParameter(
    ParameterLocation In,
    string Name,
    JsonSchemaType Type,
    string Description,
    string? Format = null,
    IReadOnlyList<string>? Values = null);
