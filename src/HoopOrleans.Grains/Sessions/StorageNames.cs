namespace HoopOrleans.Sessions;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Where sessions are kept.</summary>
    public const string Sessions = "sessions";
}
