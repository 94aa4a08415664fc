using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// References to session grains, made as Orleans makes them but without its lookup per call:
/// <c>GetGrain&lt;ISessionGrain&gt;(key)</c> works out the interface's type id from its name every
/// time (formatting the type's name), which was 8% of the front end's CPU per GET under load (B3).
/// The grain type and interface type of the first reference are kept and later ones are made from
/// them. A front end that has not yet seen the cluster's manifest gets a placeholder grain type
/// (Orleans' <c>sys.</c> prefix), which is not kept.
/// </summary>
internal sealed class SessionGrainReferences(IGrainFactory grains)
{
    private Tuple<GrainType, GrainInterfaceType>? _types;

    public ISessionGrain Of(string id)
    {
        if (Volatile.Read(ref _types) is { } types)
        {
            return (ISessionGrain)grains.GetGrain(GrainId.Create(types.Item1, id), types.Item2);
        }

        var grain = grains.GetGrain<ISessionGrain>(id);
        var type = grain.GetGrainId().Type;
        if (!type.ToString()!.StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
        {
            Volatile.Write(ref _types, Tuple.Create(type, ((GrainReference)grain).InterfaceType));
        }

        return grain;
    }
}
