using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace HoopOrleans.Api.Security;

/// <summary>
/// A request that carries a body must say it is JSON (<c>415</c> otherwise). A browser can send a
/// form or <c>text/plain</c> anywhere without asking, but not <c>application/json</c>; requests
/// without a body (hoop's CLI posts <c>/exec</c> with none) need no <c>Content-Type</c>.
/// </summary>
internal sealed class JsonBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var hasBody = context.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (hasBody && !IsJson(request.ContentType))
        {
            return ValueTask.FromResult<object?>(ApiErrors.Status(StatusCodes.Status415UnsupportedMediaType, "the request body must be sent as Content-Type: application/json"));
        }

        return next(context);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
