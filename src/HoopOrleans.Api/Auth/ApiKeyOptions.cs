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

    // The two bounds are kept as the text configured and read by the validator: the configuration
    // binder drops a whole key from the dictionary, silently, when one of its values does not convert,
    // so a mistyped number would remove the key instead of stopping the start naming it.

    /// <summary>Runs going at once across the cluster (a whole number); <c>Auth:Defaults:MaxConcurrentRuns</c> when unset.</summary>
    public string? MaxConcurrentRuns { get; set; }

    /// <summary>Output streams open at once on one front end (a whole number); <c>Auth:Defaults:MaxStreams</c> when unset.</summary>
    public string? MaxStreams { get; set; }

    /// <summary>A bound as configured: null when unset, else its number, or 0 (never valid) when it is not one.</summary>
    public static int? Bound(string? configured) =>
        configured is null ? null : int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;
}
