using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// A key ring kept in this process's memory and gone with it: what data protection uses when
/// <c>DataProtection:KeysPath</c> is unset, instead of writing keys unencrypted to the user's home.
/// </summary>
internal sealed class MemoryKeyRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
