using Orleans.Runtime.Placement;

namespace HoopOrleans.Draining;

/// <summary>
/// Chooses a silo for a new session activation. When every silo drains (the embedded default's one
/// silo), the activation still goes to one of them: reading a session must keep working, and the
/// grain refuses to start a run itself.
/// </summary>
public sealed class RunPlacementDirector(IDrainingSilos draining) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var open = Array.FindAll(silos, silo => !draining.IsDraining(silo));
        var choices = open.Length > 0 ? open : silos;
        return Task.FromResult(choices[Random.Shared.Next(choices.Length)]);
    }
}
