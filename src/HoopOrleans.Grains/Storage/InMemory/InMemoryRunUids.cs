namespace HoopOrleans.Storage.InMemory;

/// <summary>
/// The embedded default's run uids: this process's memory, kept under one lock, by the same rule
/// as PostgreSQL's <c>run_uids</c> table (the next uid after the highest ever given in the range,
/// none given twice). Like the embedded store's sessions, they last as long as the process.
/// </summary>
public sealed class InMemoryRunUids : IRunUids
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Connection, string Caller), uint> _pairs = [];

    // Every uid ever given, set-aside ones included: none is given twice.
    private readonly HashSet<uint> _given = [];

    public Task<RunUid?> AssignAsync(string connection, string caller, uint first, uint last, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pairs.TryGetValue((connection, caller), out var held))
            {
                return Task.FromResult<RunUid?>(new RunUid(held, Given: false));
            }

            var inRange = _given.Where(uid => uid >= first && uid <= last).ToList();
            var next = inRange.Count == 0 ? first : (ulong)inRange.Max() + 1;
            if (next > last)
            {
                return Task.FromResult<RunUid?>(null);
            }

            _pairs[(connection, caller)] = (uint)next;
            _given.Add((uint)next);
            return Task.FromResult<RunUid?>(new RunUid((uint)next, Given: true));
        }
    }

    public Task SetAsideAsync(string connection, string caller, uint uid, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pairs.TryGetValue((connection, caller), out var held) && held == uid)
            {
                _pairs.Remove((connection, caller));
            }
        }

        return Task.CompletedTask;
    }
}
