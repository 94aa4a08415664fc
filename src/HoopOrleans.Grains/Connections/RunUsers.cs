using System.Collections.Immutable;
using HoopOrleans.Processes;

namespace HoopOrleans.Connections;

/// <summary>
/// Gives each connection of a root service a user of its own: the one it names, else a uid from
/// <c>Security:RunUidRange</c> that no account has and no other connection uses, with a home made
/// for it. A script then cannot read the service's memory, environment or files, nor another
/// connection's runs (root, or the same uid, could, whatever the service does to itself).
/// </summary>
public static class RunUsers
{
    /// <summary>A connection's user: the ids the run drops to, and what its environment says of it.</summary>
    /// <param name="Identity">Null when runs keep the service's user (a non-root service, or <c>User: root</c>).</param>
    /// <param name="Environment">HOME, USER and LOGNAME of the run's user; empty when runs keep the service's.</param>
    public sealed record RunUser(RunIdentity? Identity, ImmutableDictionary<string, string> Environment);

    /// <summary>Each connection's user, by connection name.</summary>
    /// <exception cref="InvalidOperationException">A user or group that does not exist, a range too small, or a home that cannot be made safely; the message names the key.</exception>
    public static Dictionary<string, RunUser> Resolve(IReadOnlyDictionary<string, ConnectionOptions> connections, RunSecurityOptions security, bool isRoot)
    {
        var users = new Dictionary<string, RunUser>(StringComparer.Ordinal);
        if (!isRoot)
        {
            foreach (var name in connections.Keys)
            {
                users[name] = new RunUser(null, ImmutableDictionary<string, string>.Empty);
            }

            return users;
        }

        var named = connections.Where(pair => pair.Value.User is not null)
            .ToDictionary(pair => pair.Key, pair => Looked($"{ConnectionOptions.Section}:{pair.Key}:User", () => Named(pair.Key, pair.Value.User!)));
        var taken = named.Values.Select(account => account.Uid).ToHashSet();
        var (first, last) = security.UidRange()!.Value;
        var next = first;
        // A service whose connections all name a User has no use for the root: it is neither made nor checked.
        using var homes = connections.Keys.All(named.ContainsKey) ? null : Homes(() => RunHomes.Open(security.RunHomeRoot));
        foreach (var (name, options) in connections.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!named.TryGetValue(name, out var account))
            {
                while (next <= last && (taken.Contains(next) || Looked($"{RunSecurityOptions.Section}:RunUidRange", () => UserDatabase.FindUser(next)) is not null))
                {
                    next++;
                }

                if (next > last)
                {
                    throw new InvalidOperationException($"{RunSecurityOptions.Section}:RunUidRange has no free uid left for connection {name}.");
                }

                taken.Add(next);
                account = new UserDatabase.Account($"hoop-{name}", next, next, Homes(() => homes!.Make(next, next)));
            }

            var gid = options.Group is null ? account.Gid : Looked($"{ConnectionOptions.Section}:{name}:Group", () => GroupId(name, options.Group));
            var environment = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["HOME"] = account.Home,
                ["USER"] = account.Name,
                ["LOGNAME"] = account.Name,
            });
            // Service accounts often have a home that does not exist (nobody's is /nonexistent).
            var directory = options.WorkingDirectory ?? (Directory.Exists(account.Home) ? account.Home : "/");
            var identity = account.Uid == 0 ? null : new RunIdentity(account.Uid, gid, [gid], directory);
            users[name] = new RunUser(identity, environment);
        }

        return users;
    }

    /// <summary>The uid a <c>Connections:&lt;name&gt;:User</c> value names (an account's name, else a number), or null.</summary>
    public static uint? UidOf(string user) => UserDatabase.FindUser(user)?.Uid ?? Number(user);

    private static UserDatabase.Account Named(string connection, string user)
    {
        if (UserDatabase.FindUser(user) is { } byName)
        {
            return byName;
        }

        if (Number(user) is { } uid)
        {
            return UserDatabase.FindUser(uid) ?? new UserDatabase.Account($"hoop-{connection}", uid, uid, "/");
        }

        throw new InvalidOperationException($"{ConnectionOptions.Section}:{connection}:User: there is no user '{user}'.");
    }

    /// <summary>A lookup in the system's user database; when the database itself fails (not a missing entry), the message names the key that asked.</summary>
    private static T Looked<T>(string key, Func<T> lookup)
    {
        try
        {
            return lookup();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{key}: the user database could not be read: {e.Message}", e);
        }
    }

    private static uint? Number(string user) => uint.TryParse(user, out var uid) && uid < uint.MaxValue ? uid : null;

    private static uint GroupId(string connection, string group) =>
        UserDatabase.FindGroup(group) ?? (uint.TryParse(group, out var gid) && gid < uint.MaxValue
            ? gid
            : throw new InvalidOperationException($"{ConnectionOptions.Section}:{connection}:Group: there is no group '{group}'."));

    /// <summary>
    /// Opening the root, or making a home in it (one only its uid can enter, under a root every run
    /// user can pass through), without following links (<see cref="RunHomes"/>); a failure names the
    /// key and the path.
    /// </summary>
    private static T Homes<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{RunSecurityOptions.Section}:RunHomeRoot: {e.Message}.", e);
        }
    }
}
