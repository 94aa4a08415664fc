namespace HoopOrleans.Processes;

/// <summary>
/// Where this process's cgroups are: the directory of its cgroup in the v2 (unified) hierarchy and
/// in the v1 hierarchies of the controllers asked for, read from /proc/self/mountinfo and
/// /proc/self/cgroup. A pure v2 machine mounts the unified hierarchy at /sys/fs/cgroup, a hybrid
/// one at /sys/fs/cgroup/unified beside the v1 controllers.
/// </summary>
internal static class CgroupMounts
{
    /// <summary>This process's cgroup directory in the unified hierarchy, or null where there is none.</summary>
    public static string? UnifiedDirectory() => Directory(version2: true, controller: null);

    /// <summary>This process's cgroup directory in the v1 hierarchy of <paramref name="controller"/>, or null.</summary>
    public static string? Version1Directory(string controller) => Directory(version2: false, controller);

    private static string? Directory(bool version2, string? controller)
    {
        try
        {
            var own = File.ReadAllLines("/proc/self/cgroup")
                .Select(line => line.Split(':', 3))
                .FirstOrDefault(parts => parts.Length == 3 && (version2 ? parts[0] == "0" && parts[1] == "" : parts[1].Split(',').Contains(controller)));
            if (own is null)
            {
                return null;
            }

            foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
            {
                // "36 25 0:31 <root> <mount point> <options> [optional fields] - <type> <source> <super options>"
                var separator = line.IndexOf(" - ", StringComparison.Ordinal);
                if (separator < 0)
                {
                    continue;
                }

                var fields = line[..separator].Split(' ');
                var tail = line[(separator + 3)..].Split(' ');
                var matches = version2
                    ? tail[0] == "cgroup2"
                    : tail[0] == "cgroup" && tail.Length > 2 && tail[2].Split(',').Contains(controller);
                if (matches && fields.Length > 4 && own[2].StartsWith(fields[3], StringComparison.Ordinal))
                {
                    var relative = fields[3] == "/" ? own[2] : own[2][fields[3].Length..];
                    return Unescape(fields[4]) + relative.TrimEnd('/');
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>mountinfo writes spaces and a few other characters as octal escapes.</summary>
    private static string Unescape(string path) => path.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
