using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// The headers the answers carry: <c>Location</c> on every <c>202</c> (where to poll the run
/// that goes on), <c>Retry-After</c> on <c>429</c> and <c>503</c> (set by the exception handler).
/// </summary>
internal sealed class ResponseHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse written)
            {
                continue;
            }

            switch (status)
            {
                case "202":
                    written.Description = "The run goes on: poll the session at `Location` (or stream it); the body is the result so far.";
                    Add(written, HeaderNames.Location, new OpenApiHeader
                    {
                        Description = "The session to poll, `/api/sessions/{id}`.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                    });
                    break;
                case "429" or "503":
                    Add(written, HeaderNames.RetryAfter, new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                    });
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponse response, string name, OpenApiHeader header)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = header;
    }
}
