using Microsoft.Extensions.Options;

namespace HoopOrleans.Operations.Management;

/// <summary>Refuses a management address that Kestrel could not bind as one, naming the key.</summary>
public sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        var failures = options.UrlList
            .Where(url => !Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            .Select(url => $"{ManagementOptions.Section}:Urls: '{url}' is not an http:// or https:// address with a port and no path.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
