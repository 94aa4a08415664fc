using HoopOrleans.Api.Sessions;

namespace HoopOrleans.Api.Json;

/// <summary>An answer record with a session's output among its fields.</summary>
internal interface IOutputAnswer
{
    RunOutput? Output { get; }
}
