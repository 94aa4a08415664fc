using System.Globalization;
using System.Text;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// Text a client chose (a request's path), made safe to put in a log line. A path may carry any
/// character once decoded: <c>%0A</c> is a newline, and written as it is it ends the service's line
/// and starts one the client wrote, which reads as the service's own. Control characters, the line
/// and paragraph separators and the backslash become escapes (<c>\n</c>, <c>\r</c>, <c>\t</c>,
/// <c>\\</c>, else <c>\uXXXX</c>), so one event stays one line and the escapes cannot be forged
/// either; everything else is kept as sent.
/// </summary>
public static class LogText
{
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(NeedsEscape);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case '\n': escaped.Append(@"\n"); break;
                case '\r': escaped.Append(@"\r"); break;
                case '\t': escaped.Append(@"\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        escaped.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> NeedsEscape = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\\', '\u007f', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c), '\u2028', '\u2029']);
}
