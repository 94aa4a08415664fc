using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>Which web origins may call the API besides the service's own; bound from the <c>Http</c> section.</summary>
public sealed class HttpSecurityOptions
{
    public const string Section = "Http";

    /// <summary>
    /// Origins (<c>https://console.example.com</c>) whose pages may call the API. A request from
    /// any other origin is refused, so that no web page a user visits can run commands through
    /// their service.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Refuses origins that could never match a browser's <c>Origin</c> header, naming the key.</summary>
public sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
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
