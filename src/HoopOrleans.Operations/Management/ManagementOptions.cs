namespace HoopOrleans.Operations.Management;

/// <summary>Where probes, metrics and the dashboard are served, and to whom; bound from the <c>Management</c> section.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// Addresses of a listener of their own for <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and
    /// the dashboard, separated by <c>;</c> (<c>http://0.0.0.0:9090</c>). It answers only <c>GET</c>
    /// on those routes, whatever <c>Host</c> a request names, since probes and scrapers name the
    /// pod's address. Unset, those routes are served on the node's own addresses under its rules.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>
    /// <c>/metrics</c> and the dashboard answer without a key, and a node without keys may serve
    /// them beyond loopback: for scrapers inside a network the operator trusts.
    /// </summary>
    public bool Open { get; set; }

    /// <summary>The addresses of <see cref="Urls"/>, or none.</summary>
    public IReadOnlyList<string> UrlList =>
        Urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
