namespace HoopOrleans.Sessions;

/// <summary>A piece of a session's output, read from a byte offset.</summary>
/// <param name="Offset">Where <paramref name="Bytes"/> start in the session's output.</param>
/// <param name="Bytes">The output from <paramref name="Offset"/> on; empty when nothing new came within the wait.</param>
/// <param name="Finished">
/// The finished session, when it is done and these bytes reach the end of its output: nothing
/// more will come. Null while more may.
/// </param>
[GenerateSerializer, Immutable]
public sealed record OutputChunk(
    [property: Id(0)] long Offset,
    [property: Id(1)] byte[] Bytes,
    [property: Id(2)] SessionRecord? Finished);
