using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace HoopOrleans.Api.Errors;

/// <summary>Gives the bodiless answers of routing (unknown path, wrong method) the same JSON error shape.</summary>
internal static class JsonStatusCodePages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var message = status == StatusCodes.Status404NotFound ? "not found" : ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant();
        return ApiErrors.WriteAsync(http, status, message);
    }
}
