using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace HoopOrleans.Draining;

/// <summary>
/// Places session grains at random, as <see cref="RandomPlacement"/> does, among the silos that are
/// not draining. Random spreads runs evenly: the resource-optimized default reads statistics that
/// lag behind a burst of new runs and sends the whole burst to one silo, and local placement
/// follows the client's choice of gateway, which can send a front end's every run to one.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class RunPlacement : PlacementStrategy
{
    internal static readonly RunPlacement Instance = new();
}

/// <summary>Places the grain with <see cref="RunPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunPlacementAttribute() : PlacementAttribute(RunPlacement.Instance);

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
