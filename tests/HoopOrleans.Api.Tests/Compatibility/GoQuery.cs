using System.Text;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>Go's <c>url.Values.Encode</c>: pairs sorted by key, each side escaped by <c>url.QueryEscape</c>.</summary>
public static class GoQuery
{
    public static string Encode(IEnumerable<(string Key, string Value)> pairs) =>
        string.Join('&', pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{Escape(pair.Key)}={Escape(pair.Value)}"));

    /// <summary>Letters, digits and <c>-_.~</c> stay, a space is <c>+</c>, every other byte of the UTF-8 is <c>%XX</c>.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                escaped.Append((char)b);
            }
            else if (b == ' ')
            {
                escaped.Append('+');
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
