namespace HoopOrleans.Api.Auth;

/// <summary>Who may call the API; bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>API keys by name. With none, calls are anonymous, and only allowed on loopback.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accept anonymous calls on any address when no keys are configured.</summary>
    public bool AllowAnonymous { get; set; }
}

/// <summary>One key, under <c>Auth:Keys:&lt;name&gt;</c>; the name is what sessions record as their user.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Lowercase hex SHA-256 of the key; the key itself is never stored.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Any of <c>admin</c>, <c>user</c>, <c>reviewer</c>, <c>auditor</c>.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>The connections the key may use, or <c>*</c> for all.</summary>
    public string[] Connections { get; set; } = [];
}
