using System.Text.RegularExpressions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The tags of an HTML page, read with the tokenizer's rules that matter here: each start tag with
/// its attributes, and the raw text inside <c>script</c> and <c>style</c>, which a browser would run
/// or apply. (No HTML parser is among the test project's packages; the console's page is small and
/// written by hand.)
/// </summary>
internal static partial class PageMarkup
{
    [GeneratedRegex("""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>""")]
    private static partial Regex StartTag();

    [GeneratedRegex("""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")]
    private static partial Regex Attribute();

    /// <summary>Each start tag: its name in lower case, its attributes (names in lower case) and, for script and style, the text up to its end tag.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Attributes, string? RawText)> Tags(string html)
    {
        var tags = new List<(string, IReadOnlyDictionary<string, string>, string?)>();
        foreach (Match tag in StartTag().Matches(html))
        {
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match attribute in Attribute().Matches(tag.Groups[2].Value))
            {
                var value = attribute.Groups[2].Success ? attribute.Groups[2].Value
                    : attribute.Groups[3].Success ? attribute.Groups[3].Value
                    : attribute.Groups[4].Value;
                attributes.TryAdd(attribute.Groups[1].Value.ToLowerInvariant(), value);
            }

            string? raw = null;
            if (name is "script" or "style")
            {
                var start = tag.Index + tag.Length;
                var end = html.IndexOf($"</{name}", start, StringComparison.OrdinalIgnoreCase);
                raw = end < 0 ? html[start..] : html[start..end];
            }

            tags.Add((name, attributes, raw));
        }

        return tags;
    }
}
