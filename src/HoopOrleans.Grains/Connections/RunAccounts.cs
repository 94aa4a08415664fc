using System.Collections.Concurrent;
using HoopOrleans.Processes;
using HoopOrleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>
/// Who a caller's runs on a connection are. A connection that names a <c>User</c> (or a non-root
/// service) runs every caller as one user. Otherwise each (connection, caller) pair gets a uid of
/// its own from <c>Security:RunUidRange</c>, so one key's runs cannot signal, trace or write into
/// another's processes or home: the uid the store keeps for the pair (<see cref="IRunUids"/>), the
/// same on every silo and after every start whatever connections are added, with its home made
/// under <c>Security:RunHomeRoot</c> through <see cref="RunHomes"/> (links never followed). A uid
/// that has an account, or that a connection names, is set aside for good and the pair given the
/// next one: an account made after the uid was given takes it from the pair rather than share it.
/// </summary>
public sealed partial class RunAccounts : IDisposable
{
    private readonly ConcurrentDictionary<(string Connection, string Caller), Lazy<Task<RunAs>>> _known = new();
    private readonly HashSet<uint> _named;
    private readonly IRunUids _uids;
    private readonly RunSecurityOptions _security;
    private readonly ILogger<RunAccounts> _logger;
    private readonly Lock _homesLock = new();
    private RunHomes? _homes;

    public RunAccounts(ConfiguredConnections connections, IRunUids uids, IOptions<RunSecurityOptions> security, ILogger<RunAccounts> logger)
    {
        _named = [.. connections.All.Select(connection => connection.SharedUser?.Identity?.Uid).OfType<uint>()];
        _uids = uids;
        _security = security.Value;
        _logger = logger;
    }

    /// <summary>What runs of <paramref name="caller"/> on <paramref name="connection"/> start as; worked out once per node and pair.</summary>
    /// <exception cref="InvalidOperationException">The range has no uid left, the pair's uid lies outside it, or its home cannot be made safely; the message names the key.</exception>
    /// <exception cref="HoopOrleans.Sessions.SessionStoreUnavailableException">The store that keeps the uids cannot be reached.</exception>
    public Task<RunAs> ForAsync(Connection connection, string caller)
    {
        // Callers of a connection with a shared user are one entry: nothing differs between them.
        var key = (connection.Name, connection.SharedUser is null ? caller : "");
        if (_known.TryGetValue(key, out var found) && found.Value.IsCompletedSuccessfully)
        {
            // Every run but a pair's first on this node: no closure, no allocation.
            return found.Value;
        }

        var known = _known.GetOrAdd(key, _ => new Lazy<Task<RunAs>>(() => connection.SharedUser is { } shared
            ? Task.FromResult(connection.RunAs(shared))
            // Off the calling grain's scheduler: other grains wait for the same task.
            : Task.Run(() => AssignAsync(connection, caller))));
        var task = known.Value;
        if (!task.IsCompletedSuccessfully)
        {
            // A failure (a store outage, a home to fix) is not kept: the pair's next run asks again.
            _ = task.ContinueWith(
                failed => _known.TryRemove(KeyValuePair.Create(key, known)),
                CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    public void Dispose()
    {
        lock (_homesLock)
        {
            _homes?.Dispose();
        }
    }

    private async Task<RunAs> AssignAsync(Connection connection, string caller)
    {
        var range = $"{RunSecurityOptions.Section}:RunUidRange";
        var (first, last) = _security.UidRange()!.Value;
        while (true)
        {
            var given = await _uids.AssignAsync(connection.Name, caller, first, last, CancellationToken.None)
                ?? throw new InvalidOperationException($"{range} has no free uid left for connection {connection.Name} and caller {caller}.");
            var uid = given.Uid;
            if (uid < first || uid > last)
            {
                throw new InvalidOperationException(
                    $"{range}: connection {connection.Name}'s uid for caller {caller} is {uid}, given when the range held it, outside {first}-{last} now: widen the range to hold it again, so that its home and files stay its own.");
            }

            if (_named.Contains(uid) || RunUsers.Looked(range, () => UserDatabase.FindUser(uid)) is not null)
            {
                await _uids.SetAsideAsync(connection.Name, caller, uid, CancellationToken.None);
                SetAside(_logger, uid, connection.Name, caller);
                continue;
            }

            var home = MakeHome(uid);
            if (given.Given)
            {
                Given(_logger, uid, connection.Name, caller);
            }

            var gid = connection.Group ?? uid;
            var identity = new RunIdentity(uid, gid, [gid], connection.WorkingDirectory ?? home);
            return connection.RunAs(RunUsers.User(identity, home, $"hoop-{connection.Name}"));
        }
    }

    /// <summary>
    /// The home of <paramref name="uid"/>, made when missing. The root is opened (and checked) at
    /// the first range uid and kept open: every home is made through its descriptor, links never
    /// followed. A root that failed is opened again next time; a failure names the key and the path.
    /// </summary>
    private string MakeHome(uint uid)
    {
        try
        {
            lock (_homesLock)
            {
                _homes ??= RunHomes.Open(_security.RunHomeRoot);
                return _homes.Make(uid, uid);
            }
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{RunSecurityOptions.Section}:RunHomeRoot: {e.Message}.", e);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Runs of caller {Caller} on connection {Connection} are given uid {Uid}")]
    private static partial void Given(ILogger logger, uint uid, string connection, string caller);

    [LoggerMessage(2, LogLevel.Warning, "Uid {Uid}, given to caller {Caller} on connection {Connection}, has an account or is a connection's User: it is set aside for good and the pair given another uid and home")]
    private static partial void SetAside(ILogger logger, uint uid, string connection, string caller);
}
