using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Auth;

/// <summary>
/// Each caller's bounds: a key's own (<c>Auth:Keys:&lt;name&gt;:MaxConcurrentRuns</c>,
/// <c>MaxStreams</c>), else <c>Auth:Defaults</c>; the keyless caller's, <c>Auth:Anonymous</c>.
/// </summary>
internal sealed class CallerBounds(IOptions<AuthOptions> options)
{
    public CallerBound RunsOf(Caller caller) =>
        Of(caller, nameof(ApiKeyOptions.MaxConcurrentRuns), key => ApiKeyOptions.Bound(key.MaxConcurrentRuns), bounds => bounds.MaxConcurrentRuns);

    public CallerBound StreamsOf(Caller caller) =>
        Of(caller, nameof(ApiKeyOptions.MaxStreams), key => ApiKeyOptions.Bound(key.MaxStreams), bounds => bounds.MaxStreams);

    private CallerBound Of(Caller caller, string name, Func<ApiKeyOptions, int?> own, Func<CallerBoundOptions, int> shared)
    {
        var auth = options.Value;
        if (ReferenceEquals(caller, Caller.Anonymous))
        {
            return new CallerBound(shared(auth.Anonymous), $"{AuthOptions.Section}:{nameof(AuthOptions.Anonymous)}:{name}");
        }

        return auth.Keys.TryGetValue(caller.Name, out var key) && own(key) is { } limit
            ? new CallerBound(limit, $"{AuthOptions.Section}:Keys:{caller.Name}:{name}")
            : new CallerBound(shared(auth.Defaults), $"{AuthOptions.Section}:{nameof(AuthOptions.Defaults)}:{name}");
    }
}
