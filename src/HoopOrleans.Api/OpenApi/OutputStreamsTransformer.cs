using System.Globalization;
using System.Text.Json.Nodes;
using HoopOrleans.Api.Sessions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Describes the two answers that are streams rather than one JSON body: <c>/stream</c>
/// (<see cref="OutputEventStream"/>, Server-Sent Events) and <c>/result/stream</c>
/// (<see cref="OutputTextStream"/>, the output as text). OpenAPI 3.1 has no schema for a stream
/// of events, so each is a string, described in words with an example; the JSON of the events'
/// data is in the components as <see cref="OutputEvent"/> and <see cref="RunResult"/>.
/// </summary>
internal sealed class OutputStreamsTransformer : IOpenApiOperationTransformer
{
    public const string EventsDescription = """
        Server-Sent Events, written as the run writes its output and ending when it ends:

        - `event: output`, whose `data` is an `OutputEvent`, `{"output": "…"}` (a piece of the output,
          whole characters only), and whose `id` is the byte offset just past that piece. Reconnect
          with `Last-Event-ID: <id>` to get exactly the bytes after it.
        - `event: result`, the last one: its `data` is the run's `RunResult` without `output` (the
          events carried it), and its `id` the output's length.
        - `: keep-alive` comments while the run is silent (every 1.5 s), which clients ignore.

        A finished session sends everything at once.
        """;

    private const string EventsExample = """
        id: 4
        event: output
        data: {"output":"one\n"}

        id: 4
        event: result
        data: {"session_id":"dc08c64e-e3e1-4a6e-bb22-ed60d56f1fd7","exit_code":0,"output_status":"success","execution_time":1020,"has_review":false,"truncated":false}


        """;

    public const string TextDescription = "The output as the run writes it (stdout and stderr interleaved), ending when the run does.";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // The stream results say their media type but have no body type, so the generator lists the
        // status without content: the content is written here, from the same metadata.
        var streams = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(produces => produces.Type is null && produces.ContentTypes.Any(IsStream));
        foreach (var produces in streams)
        {
            if (operation.Responses?.TryGetValue(produces.StatusCode.ToString(CultureInfo.InvariantCulture), out var answer) != true || answer is not OpenApiResponse response)
            {
                continue;
            }

            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var mediaType in produces.ContentTypes.Where(IsStream))
            {
                var events = mediaType == OutputEventStream.MediaType;
                response.Description = events ? EventsDescription : TextDescription;
                response.Content[mediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = events ? JsonValue.Create(EventsExample) : JsonValue.Create("one\ntwo\n"),
                };
            }

            if (produces.ContentTypes.Contains(OutputEventStream.MediaType) && context.Document is { } document)
            {
                // No route answers an OutputEvent as its body, so the generator would not list it; the
                // description names it, and the reference page shows it among the models.
                var outputEvent = await context.GetOrCreateSchemaAsync(typeof(OutputEvent), cancellationToken: cancellationToken);
                document.AddComponent(nameof(OutputEvent), outputEvent);
            }
        }
    }

    private static bool IsStream(string mediaType) => mediaType is OutputEventStream.MediaType or OutputTextStream.MediaType;
}
