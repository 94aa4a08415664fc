using System.Collections.Immutable;
using HoopOrleans.Processes;

namespace HoopOrleans.Connections;

/// <summary>
/// The users of connections whose runs share one user whoever calls: the one a connection names
/// (<c>User</c>), or the service's own under a non-root service. A root service gives every other
/// connection a uid per caller (<see cref="RunAccounts"/>). Either way a script cannot read the
/// service's memory, environment or files, nor another connection's or caller's runs (root, or the
/// same uid, could, whatever the service does to itself).
/// </summary>
public static class RunUsers
{
    /// <summary>A run's user: the ids the run drops to, and what its environment says of it.</summary>
    /// <param name="Identity">Null when runs keep the service's user (a non-root service, or <c>User: root</c>).</param>
    /// <param name="Environment">HOME, USER and LOGNAME of the run's user; empty when runs keep the service's.</param>
    public sealed record RunUser(RunIdentity? Identity, ImmutableDictionary<string, string> Environment);

    /// <summary>
    /// Each connection's shared user by connection name, or null for a connection whose runs get
    /// a uid per caller from <c>Security:RunUidRange</c> (a root service, no <c>User</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A user or group that does not exist; the message names the key.</exception>
    public static Dictionary<string, RunUser?> Resolve(IReadOnlyDictionary<string, ConnectionOptions> connections, bool isRoot)
    {
        var users = new Dictionary<string, RunUser?>(StringComparer.Ordinal);
        foreach (var (name, options) in connections)
        {
            if (!isRoot)
            {
                users[name] = new RunUser(null, ImmutableDictionary<string, string>.Empty);
            }
            else if (options.User is null)
            {
                users[name] = null;
            }
            else
            {
                var account = Looked($"{ConnectionOptions.Section}:{name}:User", () => Named(name, options.User));
                var gid = GroupOf(name, options) ?? account.Gid;

                // Service accounts often have a home that does not exist (nobody's is /nonexistent).
                var directory = options.WorkingDirectory ?? (Directory.Exists(account.Home) ? account.Home : "/");
                users[name] = User(account.Uid == 0 ? null : new RunIdentity(account.Uid, gid, [gid], directory), account.Home, account.Name);
            }
        }

        return users;
    }

    /// <summary>A run user whose environment names <paramref name="home"/> and <paramref name="name"/>.</summary>
    public static RunUser User(RunIdentity? identity, string home, string name) =>
        new(identity, ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["USER"] = name,
            ["LOGNAME"] = name,
        }));

    /// <summary>The gid a connection's <c>Group</c> names, or null when it names none.</summary>
    /// <exception cref="InvalidOperationException">There is no such group, or the database could not be read; the message names the key.</exception>
    public static uint? GroupOf(string connection, ConnectionOptions options) =>
        options.Group is null ? null : Looked($"{ConnectionOptions.Section}:{connection}:Group", () => GroupId(connection, options.Group));

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
    internal static T Looked<T>(string key, Func<T> lookup)
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
}
