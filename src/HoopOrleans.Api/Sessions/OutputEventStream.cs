using System.IO.Pipelines;
using System.Reflection;
using System.Text;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.Metadata;

namespace HoopOrleans.Api.Sessions;

/// <summary>The output as Server-Sent Events: <c>output</c> events, keep-alive comments, and a closing <c>result</c>.</summary>
internal sealed class OutputEventStream(ISessionGrain grain, SessionActor viewer, OutputChunk first, long offset, CancellationToken stopping)
    : OutputStream(grain, viewer, first, offset, stopping), IEndpointMetadataProvider
{
    public const string MediaType = "text/event-stream";

    protected override string ContentType => MediaType;

    protected override void Write(PipeWriter body, ReadOnlySpan<byte> bytes, long end, SessionRecord? final)
    {
        var events = new ServerSentEventWriter(body);
        if (bytes.Length > 0)
        {
            events.WriteEvent(end, "output", new OutputEvent(Encoding.UTF8.GetString(bytes)), ApiJsonContext.Default.OutputEvent);
        }
        else if (final is null)
        {
            events.WriteComment("keep-alive");
        }

        if (final is not null)
        {
            events.WriteEvent(end, "result", RunResult.Of(final, withOutput: false), ApiJsonContext.Default.RunResult);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, [MediaType]));
}
