using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HoopOrleans.Connections;
using HoopOrleans.Processes;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// The embedded default's run uids. Its sessions live in memory, but a uid must outlive the process
/// as its home does: given again after a restart, it would hand one pair's home and files to
/// another. So they are kept beside the homes, in <c>.run-uids</c> under <c>Security:RunHomeRoot</c>
/// (a root only root can write to, checked as <see cref="RunHomes"/> checks it; mode 0700):
/// a file per uid ever given (<c>uids/&lt;uid&gt;</c>, made with O_EXCL, so no two processes give
/// one uid) and a file per pair naming its uid (<c>pairs/&lt;hash&gt;</c>, linked into place, so a
/// pair never has two). The same rule as PostgreSQL's <c>run_uids</c> table: the uid after the
/// highest ever given in the range, none given twice, a set-aside uid's file kept.
/// </summary>
public sealed class HomeRootRunUids(IOptions<RunSecurityOptions> security) : IRunUids
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Lock _lock = new();
    private readonly Lock _assigning = new();
    private string? _ledger;

    public Task<RunUid?> AssignAsync(string connection, string caller, uint first, uint last, CancellationToken cancellationToken)
    {
        var ledger = Ledger();
        var pair = Path.Combine(ledger, "pairs", PairName(connection, caller));

        // One at a time in this process, so that its askers waste no uid on each other; other
        // processes sharing the root (a rare setup) are kept apart by the files alone.
        lock (_assigning)
        {
            return Task.FromResult(Assign(ledger, pair, connection, caller, first, last));
        }
    }

    private static RunUid? Assign(string ledger, string pair, string connection, string caller, uint first, uint last)
    {
        while (true)
        {
            if (Held(pair) is { } held)
            {
                return new RunUid(held, Given: false);
            }

            var given = Directory.EnumerateFiles(Path.Combine(ledger, "uids"))
                .Select(path => uint.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : 0)
                .Where(uid => uid >= first && uid <= last)
                .ToList();
            var next = given.Count == 0 ? first : (ulong)given.Max() + 1;
            if (next > last)
            {
                return null;
            }

            if (!Claim(Path.Combine(ledger, "uids", next.ToString(CultureInfo.InvariantCulture)), $"{connection}\n{caller}\n"))
            {
                // Another process gave it a moment ago: look again.
                continue;
            }

            // The pair's file appears whole or not at all. When another process gave the pair a
            // uid first, the one claimed here stays claimed, never given: a uid is given once.
            var written = Path.Combine(ledger, "pairs", $".{Guid.NewGuid():N}");
            File.WriteAllText(written, $"{next}\n{connection}\n{caller}\n");
            try
            {
                File.Move(written, pair, overwrite: false);
                return new RunUid((uint)next, Given: true);
            }
            catch (IOException) when (File.Exists(pair))
            {
                File.Delete(written);
            }
        }
    }

    public Task SetAsideAsync(string connection, string caller, uint uid, CancellationToken cancellationToken)
    {
        var pair = Path.Combine(Ledger(), "pairs", PairName(connection, caller));
        if (Held(pair) == uid)
        {
            // Its uid's file stays: the uid is never given again.
            File.Delete(pair);
        }

        return Task.CompletedTask;
    }

    /// <summary>The ledger's folder, made (and the root checked) the first time.</summary>
    private string Ledger()
    {
        lock (_lock)
        {
            if (_ledger is null)
            {
                var root = security.Value.RunHomeRoot;
                try
                {
                    // Opened only to make it when missing and to check that no one but root can write there.
                    RunHomes.Open(root).Dispose();
                }
                catch (IOException e)
                {
                    throw new InvalidOperationException($"{RunSecurityOptions.Section}:RunHomeRoot: {e.Message}.", e);
                }

                var ledger = Path.Combine(root, ".run-uids");
                Directory.CreateDirectory(ledger, Private);
                Directory.CreateDirectory(Path.Combine(ledger, "uids"), Private);
                Directory.CreateDirectory(Path.Combine(ledger, "pairs"), Private);
                _ledger = ledger;
            }

            return _ledger;
        }
    }

    /// <summary>The uid a pair's file names, or null when the pair has none.</summary>
    private static uint? Held(string pair)
    {
        try
        {
            return uint.Parse(File.ReadLines(pair).First(), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Makes <paramref name="path"/> when no one has (O_EXCL); false when it exists.</summary>
    private static bool Claim(string path, string content)
    {
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(Encoding.UTF8.GetBytes(content));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>A file name for any connection and caller names: they may hold '/' or be long.</summary>
    private static string PairName(string connection, string caller) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{connection}\0{caller}")));
}
