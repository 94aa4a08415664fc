using HoopOrleans.Api.Auth;
using HoopOrleans.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Users;

/// <summary><c>GET /api/userinfo</c>, as hoop's web app and CLI ask who they are.</summary>
internal static class UserInfoEndpoints
{
    public const string Path = "/api/userinfo";

    public static IEndpointRouteBuilder MapUserInfo(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Get).RequireAuthorization().WithTags("Users")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithName("GetUserInfo").WithSummary("Says who the caller's key is and what its roles allow");
        return routes;
    }

    private static Ok<UserInfoAnswer> Get(HttpContext http)
    {
        var caller = http.Caller();
        var anonymous = caller.Name == Caller.AnonymousName;
        return TypedResults.Ok(new UserInfoAnswer(
            Id: caller.Name,
            caller.Name,
            Email: "",
            Groups: [.. Roles.All.Where(caller.Is)],
            IsAdmin: caller.Is(Roles.Admin),
            // hoop's roles: admin, auditor, or a standard user.
            Role: caller.Is(Roles.Admin) ? Roles.Admin : caller.Is(Roles.Auditor) && !caller.Is(Roles.User) ? Roles.Auditor : "standard",
            Status: "active",
            IsAnonymous: anonymous,
            Connections: caller.Connections is null ? null : [.. caller.Connections.Order(StringComparer.Ordinal)]));
    }
}
