using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Grpc;

/// <summary>
/// One front end with keys for the <c>hoop exec</c> tests: <c>alice</c> and <c>bob</c> run scripts
/// (bob on <c>other</c> only), <c>rita</c> reviews, <c>gated</c> runs after a review, and
/// <c>argv</c> hands its arguments to the script.
/// </summary>
public sealed class HoopExecFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public Uri Grpc => Host.GrpcAddress!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            // Arguments after "--" are the script's own, whatever they look like.
            ["Connections:argv:Command:0"] = "bash",
            ["Connections:argv:Command:1"] = "-s",
            ["Connections:argv:Command:2"] = "--",
            ["Connections:other:Command:0"] = "bash",
            ["Connections:other:Command:1"] = "-s",
        };
        TestKeys.Add(settings, "alice", ["user"], ["bash", "gated", "argv"]);
        TestKeys.Add(settings, "bob", ["user"], ["other"]);
        TestKeys.Add(settings, "rita", ["reviewer"], ["gated"]);
        TestKeys.Add(settings, "audrey", ["auditor"], ["*"]);
        Host = await ApiHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
