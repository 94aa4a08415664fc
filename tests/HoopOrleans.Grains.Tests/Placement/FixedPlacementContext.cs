using Orleans.Runtime.Placement;

namespace HoopOrleans.Grains.Tests.Placement;

/// <summary>A placement context whose live silos are <paramref name="silos"/>, as a silo's membership view would hold them.</summary>
internal sealed class FixedPlacementContext(params SiloAddress[] silos) : IPlacementContext
{
    public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

    public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) => new Dictionary<ushort, SiloAddress[]> { [0] = silos };

    public SiloAddress LocalSilo => silos[0];

    public SiloStatus LocalSiloStatus => SiloStatus.Active;
}
