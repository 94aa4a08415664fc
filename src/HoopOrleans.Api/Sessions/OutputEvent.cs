namespace HoopOrleans.Api.Sessions;

/// <summary>The data of an <c>output</c> event of <c>/stream</c>: a piece of the output, whole characters only.</summary>
internal sealed record OutputEvent(string Output);
