using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HoopOrleans.Api.Connections;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Sessions;
using HoopOrleans.Api.Users;

namespace HoopOrleans.Api.Json;

/// <summary>
/// Every body the API reads or writes, source-generated, with the contract's snake_case names
/// (<c>session_id</c>, <c>has_next_page</c>). Error answers written by the framework's typed
/// results use it too (<see cref="Apply"/>), under the same names.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(SessionRequestBody))]
[JsonSerializable(typeof(ReviewRequest))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(SessionAnswer))]
[JsonSerializable(typeof(SessionListPage))]
[JsonSerializable(typeof(OutputEvent))]
[JsonSerializable(typeof(UserInfoAnswer))]
[JsonSerializable(typeof(ConnectionAnswer))]
[JsonSerializable(typeof(ConnectionAnswer[]))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Makes the framework's JSON options (used by <c>TypedResults</c>) resolve the API's types here,
    /// with the API's names and the default escaping every error answer has always had (so "U+0000"
    /// is written "U\u002B0000"); only <see cref="JsonAnswer"/>s escape less.
    /// </summary>
    public static void Apply(Microsoft.AspNetCore.Http.Json.JsonOptions http)
    {
        http.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        http.SerializerOptions.Encoder = JavaScriptEncoder.Default;
        http.SerializerOptions.TypeInfoResolverChain.Insert(0, Default);
    }
}
