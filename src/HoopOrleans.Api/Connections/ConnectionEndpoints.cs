using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.OpenApi;
using HoopOrleans.Connections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Connections;

/// <summary>
/// <c>/api/connections</c>: the connections the caller may use (admins and auditors: all), as
/// hoop's <c>hoop admin get connections</c> and its web app's connection picker read them. The
/// answer comes from what the silos advertise, held by this node (<see cref="IConnectionDirectory"/>):
/// no grain call, no query.
/// </summary>
internal static class ConnectionEndpoints
{
    public const string Prefix = "/api/connections";

    public const string Tag = "Connections";

    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder routes)
    {
        var connections = routes.MapGroup(Prefix).RequireAuthorization().WithTags(Tag)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);
        connections.MapGet("", List)
            .WithName("ListConnections").WithSummary("Lists the connections the caller may use, with whether a node serves each now");
        connections.MapGet("{name}", Get)
            .WithPathParameter("name", "The connection's name.")
            .WithName("GetConnection").WithSummary("Reads one connection the caller may use");
        return routes;
    }

    private static Ok<ConnectionAnswer[]> List(HttpContext http, IConnectionDirectory directory)
    {
        var caller = http.Caller();
        return TypedResults.Ok(directory.All.Where(entry => Sees(caller, entry)).Select(ConnectionAnswer.Of).ToArray());
    }

    private static Results<Ok<ConnectionAnswer>, NotFound<ErrorBody>> Get(string name, HttpContext http, IConnectionDirectory directory) =>
        directory.Find(name) is { } entry && Sees(http.Caller(), entry)
            ? TypedResults.Ok(ConnectionAnswer.Of(entry))
            : ApiErrors.NotFound();

    /// <summary>A connection the caller may not use answers like one that does not exist, as in a run's request.</summary>
    private static bool Sees(Caller caller, ConnectionEntry entry) => caller.SeesAll || caller.MayUse(entry.Settings.Name);
}
