namespace HoopOrleans.Api.Security;

/// <summary>Who on this machine may call a service without keys; bound from the <c>Security</c> section.</summary>
internal sealed class LocalCallerOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Uids besides the service's own whose processes may call it while it has no API keys (an
    /// operator's login, a local CI runner). Runs never should be: a run of a listed uid could
    /// start runs on every connection.
    /// </summary>
    public List<string> TrustedLocalUids { get; set; } = [];

    /// <summary>The uids, or null when one of them is not a number.</summary>
    public HashSet<uint>? Uids()
    {
        var uids = new HashSet<uint>();
        foreach (var text in TrustedLocalUids)
        {
            if (!uint.TryParse(text, out var uid))
            {
                return null;
            }

            uids.Add(uid);
        }

        return uids;
    }
}
