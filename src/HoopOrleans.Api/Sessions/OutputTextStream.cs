using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using HoopOrleans.Sessions;
using Microsoft.AspNetCore.Http.Metadata;

namespace HoopOrleans.Api.Sessions;

/// <summary>The output as <c>text/plain</c>, as the run wrote it.</summary>
internal sealed class OutputTextStream(ISessionGrain grain, SessionActor viewer, OutputChunk first, long offset, CancellationToken stopping)
    : OutputStream(grain, viewer, first, offset, stopping), IEndpointMetadataProvider
{
    public const string MediaType = "text/plain";

    protected override string ContentType => $"{MediaType}; charset=utf-8";

    protected override void Write(PipeWriter body, ReadOnlySpan<byte> bytes, long end, SessionRecord? final) => body.Write(bytes);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, [MediaType]));
}
