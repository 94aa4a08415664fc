using System.Globalization;

namespace HoopOrleans.Processes;

/// <summary>
/// The subordinate id ranges of <c>/etc/subuid</c> and <c>/etc/subgid</c> (lines of
/// <c>owner:first:count</c>), which user namespaces map their ids onto: a run uid inside one of
/// them would be the same kernel uid as some user's container root or its files.
/// </summary>
public static class SubordinateIds
{
    /// <summary>A range of one file: its owner (a name or a uid, as written) and its ids.</summary>
    public sealed record Range(string Owner, ulong First, ulong Last);

    /// <summary>
    /// The first range in <paramref name="path"/> that shares an id with
    /// <paramref name="first"/>..<paramref name="last"/>, or null when none does or the file does
    /// not exist (a machine without user namespaces' ids has none).
    /// </summary>
    /// <exception cref="IOException">The file exists but cannot be read, or a line is not <c>owner:first:count</c>; the message names the file and the line.</exception>
    public static Range? Overlap(string path, uint first, uint last)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path} cannot be read: {e.Message}", e);
        }

        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(':');
            if (fields.Length != 3 || fields[0].Length == 0
                || !ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
            {
                // An unreadable line could hide a range that overlaps: not skipped.
                throw new IOException($"{path} line {number} is not 'owner:first:count'");
            }

            var range = new Range(fields[0], start, start + count - 1);
            if (range.First <= last && first <= range.Last)
            {
                return range;
            }
        }

        return null;
    }
}
