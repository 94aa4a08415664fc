namespace HoopOrleans.Operations.Logging;

/// <summary>Where ASP.NET Core's data protection keeps its keys; bound from the <c>DataProtection</c> section.</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A folder for the key ring, shared by the front ends that must read each other's protected
    /// data (a login cookie). Unset, keys live in this process's memory only: nothing the service
    /// issues today outlives the process (API keys are not protected data), and no key file is
    /// written unencrypted. Keys written here are not encrypted at rest (Linux has no DPAPI): give
    /// the folder to the service's user alone (mode 0700); start-up logs a warning when it creates one.
    /// </summary>
    public string? KeysPath { get; set; }
}
