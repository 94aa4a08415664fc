namespace HoopOrleans.Api.Auth;

/// <summary>Who may call the API; bound from the <c>Auth</c> section.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>API keys by name. With none, calls are anonymous, and only allowed on loopback.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accept anonymous calls on any address when no keys are configured.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The bounds of every key that sets none of its own. Finite by default: unbounded, one key
    /// could hold every node's places (<c>Sessions:MaxConcurrentRuns</c> each) and every stream a
    /// front end serves, and every other key would be refused. 64 runs and 32 streams are far more
    /// than a person or a CI pipeline keeps going, and leave a 4,096-place node room for dozens of
    /// keys at their bound; a key that needs more is given its own.
    /// </summary>
    public CallerBoundOptions Defaults { get; set; } = new() { MaxConcurrentRuns = 64, MaxStreams = 32 };

    /// <summary>
    /// The bounds of a keyless service's one caller. It is the only caller (the service's own user
    /// and <c>Security:TrustedLocalUids</c>, or the network with <c>Auth:AllowAnonymous</c>), so no
    /// other caller's share needs keeping: the runs bound is one node's default
    /// <c>Sessions:MaxConcurrentRuns</c>, which keeps an embedded service as it was and holds the
    /// anonymous caller of a cluster to one node's worth rather than every node's. Streams are held
    /// to 1,024 per front end, which no single operator reads at once, so a loop that opens streams
    /// and never reads them runs out long before the front end's connections or memory do.
    /// </summary>
    public CallerBoundOptions Anonymous { get; set; } = new() { MaxConcurrentRuns = 4096, MaxStreams = 1024 };
}
