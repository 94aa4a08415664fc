using HoopOrleans.Draining;

namespace HoopOrleans.Grains.Tests.Placement;

/// <summary>The silos that announced a drain, as placement learns them.</summary>
internal sealed class FixedDrainingSilos(params SiloAddress[] draining) : IDrainingSilos
{
    public bool IsDraining(SiloAddress silo) => draining.Contains(silo);

    public Task AnnounceAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
