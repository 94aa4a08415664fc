using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HoopOrleans.Deployment.Tests.Configuration;

/// <summary>
/// Which configuration keys mean something to the service: those that bind to a property of one of
/// its options classes, found by reflection over the src assemblies (every class with a
/// <c>Section</c> constant binds that section), and the framework's own keys.
/// </summary>
/// <remarks>
/// A key given as an environment variable says <c>__</c> where configuration says <c>:</c>. A key
/// that binds to nothing is silently ignored by the service, so a misspelt setting in a deployment
/// file would go unnoticed: that is what this finds.
/// </remarks>
public sealed class OptionKeys
{
    /// <summary>Prefixes of variables the runtime, ASP.NET Core or OpenTelemetry read themselves.</summary>
    private static readonly string[] FrameworkVariablePrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_"];

    /// <summary>Sections the framework binds: Kestrel's endpoints and limits, logging, named connection strings.</summary>
    private static readonly string[] FrameworkSections = ["Kestrel", "Logging", "ConnectionStrings"];

    /// <summary>Single keys the host reads: its addresses and ports, and the host filter's names.</summary>
    private static readonly string[] FrameworkKeys = ["urls", "http_ports", "https_ports", "AllowedHosts", "environment", "contentRoot"];

    private readonly SortedDictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);

    private OptionKeys()
    {
    }

    /// <summary>The sections found, with the type each binds to.</summary>
    public IReadOnlyDictionary<string, Type> Sections => _sections;

    /// <summary>Reads the options classes of every HoopOrleans assembly beside the tests (the src projects they reference).</summary>
    public static OptionKeys FromServiceAssemblies()
    {
        var keys = new OptionKeys();
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "HoopOrleans.*.dll")
            .Where(file => !Path.GetFileName(file).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(file).Contains(".Testing", StringComparison.Ordinal))
            .Select(file => Assembly.LoadFrom(file))
            .ToList();
        var types = assemblies.SelectMany(assembly => assembly.GetTypes()).ToList();
        foreach (var type in types)
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { IsLiteral: true } field)
            {
                keys._sections[(string)field.GetRawConstantValue()!] = type;
            }
        }

        // A section bound as a dictionary of its class (Connections:<name>:…) is validated as one.
        foreach (var validated in types.SelectMany(type => type.GetInterfaces())
                     .Where(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
                     .Select(face => face.GetGenericArguments()[0])
                     .Where(bound => bound.IsGenericType && bound.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            var element = validated.GetGenericArguments()[1];
            var section = keys._sections.FirstOrDefault(pair => pair.Value == element).Key;
            if (section is not null)
            {
                keys._sections[section] = validated;
            }
        }

        // Bound in code to Orleans' own options (HoopSiloBuilderExtensions): failure detection and
        // the grain directory's lease.
        keys._sections["Orleans:Membership"] = typeof(ClusterMembershipOptions);
        keys._sections["Orleans:Directory"] = typeof(GrainDirectoryOptions);
        return keys;
    }

    /// <summary>Whether the environment variable <paramref name="variable"/> reaches a setting.</summary>
    public bool BindsVariable(string variable) =>
        FrameworkVariablePrefixes.Any(prefix => variable.StartsWith(prefix, StringComparison.Ordinal))
        || Binds(variable.Replace("__", ":", StringComparison.Ordinal));

    /// <summary>Whether the configuration key <paramref name="key"/> (<c>A:B:C</c>) binds to an option or is the framework's.</summary>
    public bool Binds(string key)
    {
        var segments = key.Split(':');
        if (FrameworkKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FrameworkSections.Contains(segments[0], StringComparer.OrdinalIgnoreCase))
        {
            // ConnectionStrings:<name> is a value; Kestrel's and Logging's trees are the framework's to check.
            return !segments[0].Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || segments.Length == 2;
        }

        // The longest section the key is in decides (Orleans:Tls before Orleans).
        for (var length = segments.Length; length > 0; length--)
        {
            if (_sections.TryGetValue(string.Join(':', segments[..length]), out var type))
            {
                return Walks(type, segments[length..]);
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="path"/> leads from <paramref name="type"/> to a value the binder sets.</summary>
    private static bool Walks(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(type))
        {
            return path.IsEmpty;
        }

        if (path.IsEmpty)
        {
            return false;
        }

        if (Dictionary(type) is { } values)
        {
            return Walks(values, path[1..]);
        }

        if (Element(type) is { } element)
        {
            return int.TryParse(path[0], out var index) && index >= 0 && Walks(element, path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null
            && (property.SetMethod?.IsPublic == true || Dictionary(property.PropertyType) is not null || Element(property.PropertyType) is not null)
            && Walks(property.PropertyType, path[1..]);
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;
}
