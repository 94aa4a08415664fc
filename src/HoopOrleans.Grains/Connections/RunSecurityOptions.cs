namespace HoopOrleans.Connections;

/// <summary>How a root service gives runs users of their own; bound from the <c>Security</c> section.</summary>
public sealed class RunSecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// <c>first-last</c>: uids for connections that name no <c>User</c>, one per connection and
    /// caller (API key, or <c>anonymous</c>), stored so that every silo and every start gives the
    /// same pair the same uid; never shared, never given again, never one with an account or that
    /// a connection names, never in a range of <see cref="SubordinateIdFiles"/>.
    /// </summary>
    public string RunUidRange { get; set; } = "2100000000-2100099999";

    /// <summary>Where the homes of range uids are made, one directory per uid, owned by it.</summary>
    public string RunHomeRoot { get; set; } = "/var/lib/hoop-orleans/home";

    /// <summary>
    /// Comma-separated files of subordinate id ranges (<c>owner:first:count</c>) that
    /// <see cref="RunUidRange"/> must not overlap; a missing file has none.
    /// </summary>
    public string SubordinateIdFiles { get; set; } = "/etc/subuid,/etc/subgid";

    /// <summary>The files of <see cref="SubordinateIdFiles"/>, in order.</summary>
    public string[] SubordinateIdPaths() => SubordinateIdFiles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The range as numbers, or null when it is not <c>first-last</c> with first ≤ last, both above 0.</summary>
    public (uint First, uint Last)? UidRange()
    {
        var parts = RunUidRange.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && uint.TryParse(parts[0], out var first) && uint.TryParse(parts[1], out var last) && first > 0 && first <= last && last < uint.MaxValue
            ? (first, last)
            : null;
    }
}
