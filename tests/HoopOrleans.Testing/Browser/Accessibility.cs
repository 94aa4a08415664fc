using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HoopOrleans.Testing.Browser;

/// <summary>axe-core, run in the page (the script ships inside Deque's package; nothing is fetched).</summary>
public static class Accessibility
{
    /// <summary>The serious and critical violations on the page as it is now, one line each; empty when none.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        return [.. results.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at "
                + string.Join(", ", violation.Nodes.Select(node => string.Join(" ", node.Target?.ToString() ?? "?"))))];
    }
}
