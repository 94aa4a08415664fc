namespace HoopOrleans.Draining;

/// <summary>The embedded default's view: its one silo is the whole cluster.</summary>
public sealed class LocalDrainingSilos(SiloDrainState drain, ILocalSiloDetails silo) : IDrainingSilos
{
    public bool IsDraining(SiloAddress address) => drain.IsDraining && address.Equals(silo.SiloAddress);

    public Task AnnounceAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
