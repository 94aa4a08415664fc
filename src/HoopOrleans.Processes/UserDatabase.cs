using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>Users and groups as the system's name service knows them (files, LDAP, whatever NSS says).</summary>
public static unsafe class UserDatabase
{
    private const int BufferBytes = 16 * 1024;

    /// <summary>A user account: its ids, home directory and name.</summary>
    public sealed record Account(string Name, uint Uid, uint Gid, string Home);

    /// <summary>Whether this process runs as root, and so can give runs users of their own.</summary>
    public static bool IsRoot => Libc.geteuid() == 0;

    /// <summary>The account by name, or null.</summary>
    public static Account? FindUser(string name) => Lookup((entry, buffer, result) => Libc.getpwnam_r(name, entry, buffer, BufferBytes, result));

    /// <summary>The account with this uid, or null (a uid may have no account).</summary>
    public static Account? FindUser(uint uid) => Lookup((entry, buffer, result) => Libc.getpwuid_r(uid, entry, buffer, BufferBytes, result));

    /// <summary>The gid of the group with this name, or null.</summary>
    public static uint? FindGroup(string name)
    {
        var buffer = NativeMemory.Alloc(BufferBytes);
        try
        {
            Libc.Group entry;
            Libc.Group* result;
            return Libc.getgrnam_r(name, &entry, (byte*)buffer, BufferBytes, &result) == 0 && result != null ? result->Gid : null;
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>chown: gives <paramref name="path"/> to the user and group; false when the system refuses.</summary>
    public static bool TryGiveTo(string path, uint uid, uint gid) => Libc.chown(path, uid, gid) == 0;

    /// <summary>chmod: sets the permission bits of <paramref name="path"/>; false when the system refuses.</summary>
    public static bool TrySetMode(string path, uint mode) => Libc.chmod(path, mode) == 0;

    private delegate int PasswdLookup(Libc.Passwd* entry, byte* buffer, Libc.Passwd** result);

    private static Account? Lookup(PasswdLookup lookup)
    {
        var buffer = NativeMemory.Alloc(BufferBytes);
        try
        {
            Libc.Passwd entry;
            Libc.Passwd* result;
            if (lookup(&entry, (byte*)buffer, &result) != 0 || result == null)
            {
                return null;
            }

            return new Account(Marshal.PtrToStringUTF8((nint)result->Name) ?? "", result->Uid, result->Gid, Marshal.PtrToStringUTF8((nint)result->Home) ?? "/");
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
