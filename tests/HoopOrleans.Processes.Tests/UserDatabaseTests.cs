using System.Runtime.InteropServices;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// <see cref="UserDatabase"/> against this machine's own user database: entries too large for the
/// usual buffers are found, and what does not exist is null, not an error.
/// </summary>
public sealed unsafe class UserDatabaseTests(LargeAccount large) : IClassFixture<LargeAccount>
{
    private const int OldBufferBytes = 16 * 1024;

    [Fact]
    public void A_user_whose_entry_is_larger_than_16_KiB_is_found_by_name_and_by_uid()
    {
        var fields = LargeAccount.Getent("passwd", large.UserName)!;
        var expected = new UserDatabase.Account(fields[0], uint.Parse(fields[2]), uint.Parse(fields[3]), fields[5]);
        Assert.True(fields[4].Length > LargeAccount.EntryBytes, $"the GECOS field is {fields[4].Length} bytes");

        // The growth path is the one taken: 16 KiB is too small for this entry.
        Assert.Equal(Libc.ERANGE, WithBuffer<Libc.Passwd>(OldBufferBytes, (entry, buffer, length, result) => Libc.getpwnam_r(large.UserName, entry, buffer, length, result)));
        Assert.Equal(Libc.ERANGE, WithBuffer<Libc.Passwd>(OldBufferBytes, (entry, buffer, length, result) => Libc.getpwuid_r(expected.Uid, entry, buffer, length, result)));

        Assert.Equal(expected, UserDatabase.FindUser(large.UserName));
        Assert.Equal(expected, UserDatabase.FindUser(expected.Uid));
    }

    [Fact]
    public void A_group_whose_entry_is_larger_than_16_KiB_is_found_by_name()
    {
        var fields = LargeAccount.Getent("group", large.GroupName)!;
        Assert.True(fields[3].Length > LargeAccount.EntryBytes, $"the member list is {fields[3].Length} bytes");

        Assert.Equal(Libc.ERANGE, WithBuffer<Libc.Group>(OldBufferBytes, (entry, buffer, length, result) => Libc.getgrnam_r(large.GroupName, entry, buffer, length, result)));

        Assert.Equal(uint.Parse(fields[2]), UserDatabase.FindGroup(large.GroupName));
    }

    [Fact]
    public void Ordinary_entries_are_found_as_getent_reads_them()
    {
        var root = LargeAccount.Getent("passwd", "root")!;

        Assert.Equal(new UserDatabase.Account("root", 0, 0, root[5]), UserDatabase.FindUser("root"));
        Assert.Equal(new UserDatabase.Account("root", 0, 0, root[5]), UserDatabase.FindUser(0));
        Assert.Equal(0u, UserDatabase.FindGroup("root"));
    }

    [Fact]
    public void A_user_uid_or_group_that_does_not_exist_is_null_not_an_error()
    {
        // Looked up while the large entries exist: the files module reads every line on its way to
        // "none", the large one too, so 16 KiB is too small here as well, and the buffer grows.
        var name = $"hoopnone{Guid.NewGuid():N}"[..30];
        const uint Uid = 3_999_999_999;
        Assert.Null(LargeAccount.Getent("passwd", name));
        Assert.Null(LargeAccount.Getent("passwd", Uid.ToString()));
        Assert.Null(LargeAccount.Getent("group", name));
        Assert.Equal(Libc.ERANGE, WithBuffer<Libc.Passwd>(OldBufferBytes, (entry, buffer, length, result) => Libc.getpwnam_r(name, entry, buffer, length, result)));
        Assert.Equal(Libc.ERANGE, WithBuffer<Libc.Group>(OldBufferBytes, (entry, buffer, length, result) => Libc.getgrnam_r(name, entry, buffer, length, result)));

        Assert.Null(UserDatabase.FindUser(name));
        Assert.Null(UserDatabase.FindUser(Uid));
        Assert.Null(UserDatabase.FindGroup(name));
    }

    private delegate int Query<TEntry>(TEntry* entry, byte* buffer, nuint length, TEntry** result)
        where TEntry : unmanaged;

    /// <summary>What one call answers with a buffer of <paramref name="bytes"/>: 0 or an error number.</summary>
    private static int WithBuffer<TEntry>(int bytes, Query<TEntry> query)
        where TEntry : unmanaged
    {
        var buffer = (byte*)NativeMemory.Alloc((nuint)bytes);
        try
        {
            TEntry entry;
            TEntry* result;
            return query(&entry, buffer, (nuint)bytes, &result);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
