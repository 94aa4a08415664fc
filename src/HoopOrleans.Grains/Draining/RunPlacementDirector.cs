using System.Collections.Concurrent;
using HoopOrleans.Connections;
using HoopOrleans.Sessions;
using Orleans.Runtime.Placement;

namespace HoopOrleans.Draining;

/// <summary>
/// Chooses a silo for a new session activation. A call that names the session's connection
/// (<see cref="ConnectionHint"/>) places it on a live silo that hosts the connection, the least
/// loaded by running sessions, ties at random, never a draining one while another will do; no live
/// host at all is <see cref="ConnectionUnavailableException"/>. A call that names none (a read), or
/// a connection every silo hosts (the embedded default), goes to a silo at random among those not
/// draining. When every candidate drains, the activation still goes to one of them: reading a
/// session must keep working, and the grain refuses to start a run itself.
/// </summary>
/// <remarks>
/// The running counts are each silo's own, as it last wrote them (every second); the sessions this
/// silo placed since that read are added, so a burst does not all go to the silo that was idle a
/// second ago. Everything here is local: placement costs no call.
/// </remarks>
public sealed class RunPlacementDirector(IDrainingSilos draining, IConnectionDirectory directory) : IPlacementDirector
{
    private readonly ConcurrentDictionary<SiloAddress, int> _placedSinceRead = new();
    private long _readVersion;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (ConnectionHint.In(target.RequestContextData) is { } name && directory.Find(name) is { EverySilo: false } entry)
        {
            return Task.FromResult(OnHost(name, entry, silos));
        }

        var open = Array.FindAll(silos, silo => !draining.IsDraining(silo));
        var choices = open.Length > 0 ? open : silos;
        return Task.FromResult(choices[Random.Shared.Next(choices.Length)]);
    }

    private SiloAddress OnHost(string name, ConnectionEntry entry, SiloAddress[] silos)
    {
        // Live by this silo's own membership view, which is at least as current as the directory's.
        var hosts = entry.Hosts.Where(host => Array.IndexOf(silos, host.Silo) >= 0).ToList();
        if (hosts.Count == 0)
        {
            throw new ConnectionUnavailableException(name);
        }

        var open = hosts.FindAll(host => !host.Draining && !draining.IsDraining(host.Silo));
        var choices = open.Count > 0 ? open : hosts;
        ForgetPlacementsBefore(directory.Version);
        // Each host's load is read once: placements run in parallel, and a count that moved between
        // finding the least and finding who has it would leave no host to choose.
        var loads = choices.ConvertAll(host => (host.Silo, Load: Load(host)));
        var least = loads.Min(load => load.Load);
        var lightest = loads.FindAll(load => load.Load == least);
        var chosen = lightest[Random.Shared.Next(lightest.Count)].Silo;
        _placedSinceRead.AddOrUpdate(chosen, 1, (_, placed) => placed + 1);
        return chosen;
    }

    private int Load(ConnectionHost host) => host.Running + _placedSinceRead.GetValueOrDefault(host.Silo);

    /// <summary>A new read of the directory carries the counts of what was placed before it.</summary>
    private void ForgetPlacementsBefore(long version)
    {
        if (Interlocked.Exchange(ref _readVersion, version) != version)
        {
            _placedSinceRead.Clear();
        }
    }
}
