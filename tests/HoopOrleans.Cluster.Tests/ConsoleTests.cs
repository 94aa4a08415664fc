using System.Text.RegularExpressions;
using HoopOrleans.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HoopOrleans.Cluster.Tests;

/// <summary>
/// The web console through the cluster's front ends, in Debian's chromium: a run started from one
/// front end's page comes live from the silo that runs it, the other front end opens it by its URL,
/// and a reviewer approves a run from the console.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsoleTests(LocalCluster cluster) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    private async Task<ConsoleTab> OpenAsync(int front, string key)
    {
        var tab = await _chromium.OpenAsync(cluster.Front(front), "/");
        await tab.UseKeyAsync(LocalCluster.KeyOf(key));
        await Expect(tab.Page.Locator("#key-state")).ToHaveTextAsync("key set for this tab");
        return tab;
    }

    // Each tab first loads without a key, and the node answers that 401 (which the browser logs).
    private static IEnumerable<string> Unexpected(ConsoleTab tab) => tab.Problems.Where(problem => !problem.Contains("status of 401"));

    [Fact]
    public async Task A_run_from_one_front_ends_page_comes_live_and_opens_on_the_other()
    {
        await using var tab = await OpenAsync(1, "ops");
        await tab.RunAsync("bash", "echo started-on-$((20 + 1)); sleep 300; echo finished");

        // Live while the run goes on; then killed from the page, so nothing waits on a clock.
        await tab.Page.WaitForURLAsync(new Regex("/sessions/[^/]+$"));
        await Expect(tab.Output).ToHaveTextAsync("started-on-21\n", Long);
        await Expect(tab.Fact("status")).ToContainTextAsync("running");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Kill" }).ClickAsync();
        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(tab.Output).ToHaveTextAsync("started-on-21\n");
        await Expect(tab.Fact("node")).Not.ToBeEmptyAsync();
        var path = new Uri(tab.Page.Url).AbsolutePath;

        await using var other = await OpenAsync(2, "ops");
        await other.Page.GotoAsync(path);
        await Expect(other.Output).ToHaveTextAsync("started-on-21\n", Long);
        await Expect(other.Fact("exit code")).ToHaveTextAsync("254");
        Assert.Empty(Unexpected(tab));
        Assert.Empty(Unexpected(other));
    }

    [Fact]
    public async Task A_reviewer_approves_from_the_console_and_the_run_goes()
    {
        var (_, created) = await cluster.Front1.PostAsync("/api/sessions?wait=0", new { connection = "gated", script = "echo gated-ran" });
        var id = created.GetProperty("session_id").GetString()!;

        await using var reviewer = await OpenAsync(2, "rita");
        await reviewer.Page.GotoAsync("/?view=review");
        await reviewer.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).ClickAsync();
        await reviewer.Page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(reviewer.Fact("review")).ToHaveTextAsync("approved", Long);

        await using var requester = await OpenAsync(1, "ops");
        await requester.Page.GotoAsync($"/sessions/{id}");
        await requester.Page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Expect(requester.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(requester.Output).ToHaveTextAsync("gated-ran\n");
        Assert.Empty(Unexpected(reviewer));
        Assert.Empty(Unexpected(requester));
    }
}
