namespace HoopOrleans.Api.Security;

internal static class JsonBodyFilterExtensions
{
    /// <summary>Refuses a body that is not <c>application/json</c> with <c>415</c>.</summary>
    public static RouteHandlerBuilder RequireJsonBody(this RouteHandlerBuilder route) => route.AddEndpointFilter<JsonBodyFilter>();
}
