using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// ASP.NET Core's authentication brings data protection in, and its key ring is loaded at start:
/// under the default settings that writes a key, unencrypted, to <c>~/.aspnet/DataProtection-Keys</c>
/// and logs a warning on every fresh machine, though the front end protects nothing with it.
/// <c>DataProtection:KeysPath</c> says where keys go; unset, they stay in memory.
/// </summary>
public static class DataProtectionKeys
{
    /// <summary>The application name keys are isolated by: every front end of the service shares it, whatever folder it runs from.</summary>
    public const string ApplicationName = "hooporleans";

    public static IHostApplicationBuilder AddHoopDataProtection(this IHostApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (options.KeysPath is { } path)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
        }
        else
        {
            // Keys that never leave memory need no encryption at rest; saying so (the null
            // encryptor) is what keeps data protection from warning that they might be stored in clear.
            builder.Services.Configure<KeyManagementOptions>(keys =>
            {
                keys.XmlRepository = new MemoryKeyRepository();
                keys.XmlEncryptor = new NullXmlEncryptor();
            });
        }

        return builder;
    }

    private static DataProtectionOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        if (options.KeysPath is { } path && (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path)))
        {
            throw new OptionsValidationException(DataProtectionOptions.Section, typeof(DataProtectionOptions),
                [$"{DataProtectionOptions.Section}:KeysPath must be an absolute folder, not '{path}'."]);
        }

        return options;
    }
}
