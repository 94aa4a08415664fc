using System.ComponentModel.DataAnnotations;

namespace HoopOrleans.Api.Sessions;

/// <summary>How the front end waits and what it accepts; bound from the <c>Sessions</c> section.</summary>
internal sealed class SessionApiOptions
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
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class SessionApiOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SessionApiOptions>;
