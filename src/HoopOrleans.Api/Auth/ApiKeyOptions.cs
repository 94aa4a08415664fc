namespace HoopOrleans.Api.Auth;

/// <summary>One key, under <c>Auth:Keys:&lt;name&gt;</c>; the name is what sessions record as their user.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>Lowercase hex SHA-256 of the key; the key itself is never stored.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Any of <c>admin</c>, <c>user</c>, <c>reviewer</c>, <c>auditor</c>.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>The connections the key may use, or <c>*</c> for all.</summary>
    public string[] Connections { get; set; } = [];
}
