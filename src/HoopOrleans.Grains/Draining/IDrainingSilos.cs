namespace HoopOrleans.Draining;

/// <summary>
/// The silos of the cluster that are draining, as this silo knows them. Orleans has no state for
/// "active, but takes no new grains": a draining silo stays active (its sessions keep answering)
/// and this is how placement learns to pass it by.
/// </summary>
public interface IDrainingSilos
{
    /// <summary>Whether <paramref name="silo"/> announced that it is draining.</summary>
    bool IsDraining(SiloAddress silo);

    /// <summary>Tells the cluster that this silo is draining.</summary>
    Task AnnounceAsync(CancellationToken cancellationToken);
}
