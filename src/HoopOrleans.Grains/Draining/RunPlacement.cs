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
