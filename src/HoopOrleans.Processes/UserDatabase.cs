using System.Runtime.InteropServices;

namespace HoopOrleans.Processes;

/// <summary>Users and groups as the system's name service knows them (files, LDAP, whatever NSS says).</summary>
public static unsafe class UserDatabase
{
    /// <summary>The first buffer where sysconf suggests no size: a page, which every ordinary entry fits in.</summary>
    private const int DefaultBufferBytes = 4096;

    /// <summary>
    /// The largest buffer offered for one entry. A directory's group can list tens of thousands of
    /// members, megabytes; past this, the module is taken to answer ERANGE whatever it is given.
    /// </summary>
    private const int MaxBufferBytes = 64 * 1024 * 1024;

    /// <summary>A user account: its ids, home directory and name.</summary>
    public sealed record Account(string Name, uint Uid, uint Gid, string Home);

    /// <summary>Whether this process runs as root, and so can give runs users of their own.</summary>
    public static bool IsRoot => Libc.geteuid() == 0;

    /// <summary>The uid this process acts as.</summary>
    public static uint EffectiveUid => Libc.geteuid();

    /// <summary>The account by name, or null when there is none.</summary>
    /// <exception cref="IOException">The database could not answer; the message names the user and the system's error, <see cref="Exception.HResult"/> is the errno.</exception>
    public static Account? FindUser(string name) =>
        Lookup<Libc.Passwd, Account>($"user '{name}'", Libc._SC_GETPW_R_SIZE_MAX, (entry, buffer, length, result) => Libc.getpwnam_r(name, entry, buffer, length, result), ToAccount);

    /// <summary>The account with this uid, or null (a uid may have no account).</summary>
    /// <exception cref="IOException">The database could not answer; the message names the uid and the system's error, <see cref="Exception.HResult"/> is the errno.</exception>
    public static Account? FindUser(uint uid) =>
        Lookup<Libc.Passwd, Account>($"uid {uid}", Libc._SC_GETPW_R_SIZE_MAX, (entry, buffer, length, result) => Libc.getpwuid_r(uid, entry, buffer, length, result), ToAccount);

    /// <summary>The gid of the group with this name, or null when there is none.</summary>
    /// <exception cref="IOException">The database could not answer; the message names the group and the system's error, <see cref="Exception.HResult"/> is the errno.</exception>
    public static uint? FindGroup(string name) =>
        Lookup<Libc.Group, uint?>($"group '{name}'", Libc._SC_GETGR_R_SIZE_MAX, (entry, buffer, length, result) => Libc.getgrnam_r(name, entry, buffer, length, result), group => group->Gid);

    /// <summary>One call of getpwnam_r or a kin of it: 0 or an error number, and the entry in <paramref name="result"/> (null for none).</summary>
    private delegate int EntryQuery<TEntry>(TEntry* entry, byte* buffer, nuint length, TEntry** result)
        where TEntry : unmanaged;

    /// <summary>What is kept of an entry, read while the buffer its strings live in is still there.</summary>
    private delegate TAnswer EntryReader<TEntry, TAnswer>(TEntry* entry)
        where TEntry : unmanaged;

    /// <summary>
    /// Asks <paramref name="query"/> with a buffer that grows until the entry fits, as
    /// dotnet/runtime's pal_uid.c and its callers do: a large group or a long GECOS field does not
    /// fit the usual size, and is not for that reason a missing entry. The answer, or default when
    /// there is no such entry.
    /// </summary>
    private static TAnswer? Lookup<TEntry, TAnswer>(string what, int sizeName, EntryQuery<TEntry> query, EntryReader<TEntry, TAnswer> read)
        where TEntry : unmanaged
    {
        var suggested = Libc.sysconf(sizeName);
        var length = suggested > 0 ? (nuint)Math.Min(suggested, MaxBufferBytes) : DefaultBufferBytes;
        while (true)
        {
            var buffer = (byte*)NativeMemory.Alloc(length);
            try
            {
                TEntry entry;
                TEntry* result;
                int error;
                // These functions return the error number; errno is not theirs to answer with. EINTR:
                // a signal interrupted what an NSS module was reading or asking; ask again.
                while ((error = query(&entry, buffer, length, &result)) == Libc.EINTR)
                {
                }

                if (error == 0)
                {
                    return result == null ? default : read(result);
                }

                if (error != Libc.ERANGE || length >= MaxBufferBytes)
                {
                    throw new IOException($"cannot look up {what} in the system's user database: {Libc.ErrorText(error)}", error);
                }
            }
            finally
            {
                NativeMemory.Free(buffer);
            }

            length = Math.Min(length * 2, MaxBufferBytes);
        }
    }

    private static Account ToAccount(Libc.Passwd* entry) =>
        new(Marshal.PtrToStringUTF8((nint)entry->Name) ?? "", entry->Uid, entry->Gid, Marshal.PtrToStringUTF8((nint)entry->Home) ?? "/");
}
