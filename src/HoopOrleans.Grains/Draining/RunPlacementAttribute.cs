using Orleans.Placement;

namespace HoopOrleans.Draining;

/// <summary>Places the grain with <see cref="RunPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunPlacementAttribute() : PlacementAttribute(RunPlacement.Instance);
