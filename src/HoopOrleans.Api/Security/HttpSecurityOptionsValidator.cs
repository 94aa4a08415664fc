using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>Refuses origins that could never match a browser's <c>Origin</c> header, naming the key.</summary>
internal sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSecurityOptions options)
    {
        var failures = options.AllowedOrigins
            .Select((origin, index) => (origin, index))
            .Where(entry => Origins.Normalize(entry.origin) is null)
            .Select(entry => $"{HttpSecurityOptions.Section}:AllowedOrigins:{entry.index} must be an origin such as https://console.example.com (scheme, host and optional port; no path), not '{entry.origin}'.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
