namespace HoopOrleans.Api.Auth;

/// <summary>Who may call the API; bound from the <c>Auth</c> section.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>API keys by name. With none, calls are anonymous, and only allowed on loopback.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accept anonymous calls on any address when no keys are configured.</summary>
    public bool AllowAnonymous { get; set; }
}
