namespace HoopOrleans.Api.Auth;

internal static class CallerExtensions
{
    /// <summary>The authenticated caller of this request.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.Features.Get<Caller>() ?? throw new InvalidOperationException("the request was not authenticated");
}
