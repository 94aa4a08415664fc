using HoopOrleans.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The console for everyone: axe finds no serious or critical violation on any view, at a desktop's
/// 1280 px and a phone's 390 px; nothing scrolls sideways on a phone; a run starts from the keyboard.
/// </summary>
public sealed class ConsoleAccessibilityTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    private Task<string> NewSessionAsync(string connection, string script) => browser.StartAsync(new { connection, script });

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task No_view_has_a_serious_or_critical_violation(int width, int height)
    {
        var done = await NewSessionAsync("bash", @"printf '\033[32mok\033[0m\n'; echo plain");
        var running = await NewSessionAsync("bash", "echo on; sleep 120");
        var review = await NewSessionAsync("reviewed", "echo later");
        try
        {
            await using var tab = await browser.OpenAsync("/", width, height);
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = running, Exact = true })).ToBeVisibleAsync();
            Assert.Empty(await Accessibility.SeriousViolationsAsync(tab.Page));

            await tab.Page.GotoAsync("/?view=review");
            await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = review, Exact = true })).ToBeVisibleAsync();
            Assert.Empty(await Accessibility.SeriousViolationsAsync(tab.Page));

            await tab.Page.GotoAsync($"/sessions/{done}");
            await Expect(tab.Output).ToHaveTextAsync("ok\nplain\n", Long);
            Assert.Empty(await Accessibility.SeriousViolationsAsync(tab.Page));

            await tab.Page.GotoAsync($"/sessions/{running}");
            await Expect(tab.Output).ToHaveTextAsync("on\n", Long);
            Assert.Empty(await Accessibility.SeriousViolationsAsync(tab.Page));

            await tab.Page.GotoAsync($"/sessions/{review}");
            await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeVisibleAsync();
            Assert.Empty(await Accessibility.SeriousViolationsAsync(tab.Page));
            Assert.Empty(tab.Problems);
        }
        finally
        {
            await browser.Host.Client.PostAsync($"/api/sessions/{running}/kill", null);
        }
    }

    [Fact]
    public async Task At_390_px_nothing_scrolls_sideways_and_the_controls_fit()
    {
        var id = await NewSessionAsync("bash", "printf '%0300d\\n' 7");
        await using var tab = await browser.OpenAsync("/", 390, 844);
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true })).ToBeAttachedAsync();
        await AssertFitsAsync(tab, "Run");
        await AssertFitsAsync(tab, "Filter");

        await tab.Page.GotoAsync($"/sessions/{id}");
        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await AssertFitsAsync(tab, "Download output");
        Assert.Empty(tab.Problems);
    }

    private static async Task AssertFitsAsync(ConsoleTab tab, string button)
    {
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{tab.Page.Url} scrolls sideways at {tab.Page.ViewportSize!.Width} px");
        var box = await tab.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.X, 0, tab.Page.ViewportSize.Width - box.Width);
    }

    [Fact]
    public async Task A_run_starts_and_shows_from_the_keyboard_alone()
    {
        await using var tab = await browser.OpenAsync("/");
        await Expect(tab.Page.Locator("#run-connection")).ToBeVisibleAsync();

        // Tab from the top of the page reaches the form; each control follows the one before.
        for (var presses = 0; presses < 10 && await tab.FocusedIdAsync() != "run-connection"; presses++)
        {
            await tab.Page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("run-connection", await tab.FocusedIdAsync());
        await tab.Page.Keyboard.TypeAsync("bash");
        await tab.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("run-script", await tab.FocusedIdAsync());
        await tab.Page.Keyboard.TypeAsync("echo typed-$((2 + 3))");
        await tab.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("run-args", await tab.FocusedIdAsync());
        await tab.Page.Keyboard.PressAsync("Tab");
        await tab.Page.Keyboard.PressAsync("Enter");

        await Expect(tab.Page.Locator(".answer pre.output")).ToHaveTextAsync("typed-5\n", Long);
        Assert.Empty(tab.Problems);
    }
}
