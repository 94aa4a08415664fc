namespace HoopOrleans.Api.Security;

/// <summary>Which web origins may call the API besides the service's own; bound from the <c>Http</c> section.</summary>
internal sealed class HttpSecurityOptions
{
    public const string Section = "Http";

    /// <summary>
    /// Origins (<c>https://console.example.com</c>) whose pages may call the API. A request from
    /// any other origin is refused, so that no web page a user visits can run commands through
    /// their service.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
