using System.ComponentModel.DataAnnotations;

namespace HoopOrleans.Sessions;

/// <summary>
/// How sessions run and how requests for them wait; bound from the <c>Sessions</c> section, by the
/// silo (output and run limits) and the front end (waits and request size) alike. (Named apart
/// from ASP.NET Core's <c>SessionOptions</c>, which is about HTTP session cookies.)
/// </summary>
public sealed class HoopSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How long a request waits for its run when it does not say.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>The longest wait a request may ask for; longer ones are clamped to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest request body accepted; larger ones are refused with 413.</summary>
    [Range(1024, 1 << 30)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The most output kept per session; the rest is read and dropped.</summary>
    [Range(1, 1 << 30)]
    public int MaxOutputBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most processes this node runs at once; past it, new runs are refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRuns { get; set; } = 4096;
}
