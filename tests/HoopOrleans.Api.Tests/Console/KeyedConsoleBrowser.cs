using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The console on a node with keys: a user who runs (ana), a reviewer (rui), an auditor (aud), and
/// a connection whose runs wait for a review.
/// </summary>
public sealed class KeyedConsoleBrowser : ConsoleBrowser
{
    public static readonly string UserKey = TestKeys.KeyOf("ana");
    public static readonly string ReviewerKey = TestKeys.KeyOf("rui");
    public static readonly string AuditorKey = TestKeys.KeyOf("aud");

    protected override IDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Connections:reviewed:Command:0"] = "bash",
                ["Connections:reviewed:Command:1"] = "-s",
                ["Connections:reviewed:Review"] = "true",
            };
            TestKeys.Add(settings, "ana", ["user"], ["*"]);
            TestKeys.Add(settings, "rui", ["reviewer"], ["*"]);
            TestKeys.Add(settings, "aud", ["auditor"], ["*"]);
            return settings;
        }
    }

    /// <summary>The front end's client with a key, as a script or CLI would call it.</summary>
    public HttpClient ClientWith(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
