using System.Text;
using HoopOrleans.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// A session's output in a real browser: ANSI colours, a 4 MiB output kept to a window of lines
/// while it streams, its download, and a stream that drops and resumes without losing or repeating
/// a byte.
/// </summary>
public sealed class ConsoleOutputTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    private Task<string> NewSessionAsync(object body) => browser.StartAsync(body);

    private ILocator Button(ConsoleTab tab, string name) => tab.Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task ANSI_colours_are_drawn_and_their_escapes_are_not_shown()
    {
        var id = await NewSessionAsync(new { connection = "bash", script = @"printf '\033[31mred\033[0m plain \033[1;38;5;33mbold-blue\033[0m \033]0;title\007end\n'" });
        await using var tab = await browser.OpenAsync($"/sessions/{id}");

        await Expect(tab.Output).ToHaveTextAsync("red plain bold-blue end\n", Long);
        await Expect(tab.Output.Locator("span.fg1")).ToHaveTextAsync("red");
        var blue = tab.Output.Locator("span.bold");
        await Expect(blue).ToHaveTextAsync("bold-blue");
        await Expect(blue).ToHaveCSSAsync("color", "rgb(0, 135, 255)");
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task Metadata_labels_and_arguments_with_markup_stay_text()
    {
        const string Markup = "<img src=x onerror=\"window.__xss=1\"><b>bold</b>";
        var id = await NewSessionAsync(new
        {
            connection = "bash",
            script = "echo \"$1\"",
            client_args = new[] { Markup },
            metadata = new Dictionary<string, object> { ["note"] = Markup },
            labels = new Dictionary<string, string> { ["team"] = Markup },
        });
        await using var tab = await browser.OpenAsync($"/sessions/{id}");

        await Expect(tab.Output).ToHaveTextAsync(Markup + "\n", Long);
        await Expect(tab.Fact("arguments")).ToHaveTextAsync(Markup);
        await Expect(tab.Fact("metadata")).ToHaveTextAsync($"note: {Markup}");
        await Expect(tab.Fact("labels")).ToHaveTextAsync($"team: {Markup}");
        Assert.Equal(0, await tab.Page.Locator("img, b").CountAsync());
        Assert.Equal("undefined", await tab.Page.EvaluateAsync<string>("typeof window.__xss"));
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task A_4_MiB_output_streams_in_a_window_of_5000_lines_and_downloads_whole()
    {
        // 8 bursts of 10,000 lines of 47 bytes (3.6 MiB), a moment apart, so the page pages while it streams.
        const string Script = "echo first; for n in 0 1 2 3 4 5 6 7; do seq -f 'line %06.0f ..................................' $((n * 10000 + 1)) $((n * 10000 + 10000)); sleep 0.3; done";
        var id = await NewSessionAsync(new { connection = "bash", script = Script });
        await using var tab = await browser.OpenAsync($"/sessions/{id}");
        await tab.Page.EvaluateAsync("""
            () => {
              window.__mostLines = 0;
              new MutationObserver(() => {
                const lines = document.querySelector('pre.output')?.childElementCount ?? 0;
                window.__mostLines = Math.max(window.__mostLines, lines);
              }).observe(document.body, { childList: true, subtree: true });
            }
            """);

        // Mid-stream, the page answers a click: the window moves back and stays while lines come.
        var earlier = Button(tab, "Earlier lines");
        await Expect(earlier).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await earlier.ClickAsync();
        await Expect(Button(tab, "Latest")).ToBeEnabledAsync();
        var moved = await tab.Output.Locator("div.line").First.TextContentAsync();

        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        Assert.Equal(moved, await tab.Output.Locator("div.line").First.TextContentAsync());
        await Button(tab, "Latest").ClickAsync();
        await Expect(tab.Page.Locator(".range")).ToHaveTextAsync("lines 75002–80001 of 80001");
        await Expect(tab.Output.Locator("div.line").Last).ToHaveTextAsync("line 080000 ..................................\n");
        Assert.Equal(5000, await tab.Output.Locator("div.line").CountAsync());
        Assert.InRange(await tab.Page.EvaluateAsync<int>("window.__mostLines"), 1, 5000);

        await earlier.ClickAsync();
        await Expect(tab.Page.Locator(".range")).ToHaveTextAsync("lines 70002–75001 of 80001");
        await Expect(tab.Output.Locator("div.line").First).ToHaveTextAsync("line 070001 ..................................\n");

        var download = await tab.Page.RunAndWaitForDownloadAsync(() => Button(tab, "Download output").ClickAsync());
        var saved = await File.ReadAllBytesAsync(await download.PathAsync());
        var whole = await browser.Host.Client.GetByteArrayAsync($"/api/sessions/{id}/result/stream");
        Assert.Equal(80_000 * 47 + "first\n".Length, saved.Length);
        Assert.Equal(whole, saved);
        Assert.Equal($"{id}.txt", download.SuggestedFilename);
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task A_dropped_stream_resumes_from_its_last_event()
    {
        var id = await NewSessionAsync(new { connection = "bash", script = "echo part-one; sleep 3; echo part-two" });
        var resumedFrom = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? firstId = null;
        var calls = 0;
        await using var tab = await browser.OpenAsync("/");
        await tab.Page.RouteAsync("**/api/sessions/*/stream", async route =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                route.Request.Headers.TryGetValue("last-event-id", out var last);
                resumedFrom.TrySetResult(last);
                await route.ContinueAsync();
                return;
            }

            // The first stream ends after its first output event, as a dropped connection would.
            (firstId, var partial) = await FirstEventAsync(id);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/event-stream", Body = partial });
        });

        await tab.Page.GotoAsync($"/sessions/{id}");

        var resumed = await resumedFrom.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(firstId);
        Assert.Equal(firstId, resumed);
        await Expect(tab.Fact("status")).ToHaveTextAsync("done", Long);
        await Expect(tab.Output).ToHaveTextAsync("part-one\npart-two\n");
        Assert.Empty(tab.Problems);
    }

    /// <summary>The real stream read up to its first output event: that event's id and its text.</summary>
    private async Task<(string Id, string Text)> FirstEventAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await browser.Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var text = new StringBuilder();
        string? eventId = null;
        var isOutput = false;
        for (var line = await reader.ReadLineAsync(); line is not null; line = await reader.ReadLineAsync())
        {
            text.Append(line).Append('\n');
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                eventId = line[3..].Trim();
            }

            isOutput |= line == "event: output";
            if (line.Length == 0 && isOutput && eventId is not null)
            {
                return (eventId, text.ToString());
            }
        }

        throw new InvalidOperationException("the stream ended before its first output event");
    }
}
