namespace HoopOrleans.Processes.Tests;

/// <summary>Run homes are made and given away through descriptors, never by following a link, under a root no one else can write to.</summary>
public sealed class RunHomesTests : IDisposable
{
    private const uint Uid = 2100098123;
    private const uint Gid = 2100098124;

    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-homes-").FullName;

    private string Root => Path.Combine(_folder, "home");

    [Fact]
    public async Task A_missing_root_is_made_0755_and_a_home_is_its_uids_with_mode_0700()
    {
        using var homes = RunHomes.Open(Root);

        var home = homes.Make(Uid, Gid);

        Assert.Equal(Path.Combine(Root, Uid.ToString()), home);
        Assert.Equal("0:0 755 directory", await FileStatus.DescribeAsync(Root));
        Assert.Equal($"{Uid}:{Gid} 700 directory", await FileStatus.DescribeAsync(home));
    }

    [Fact]
    public async Task A_home_found_with_another_owner_and_mode_is_given_to_its_uid_again()
    {
        using var homes = RunHomes.Open(Root);
        var home = Directory.CreateDirectory(Path.Combine(Root, Uid.ToString())).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)0x1ff /* 0777 */);

        Assert.Equal(home, homes.Make(Uid, Gid));
        Assert.Equal($"{Uid}:{Gid} 700 directory", await FileStatus.DescribeAsync(home));
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("file")]
    public async Task A_link_planted_where_a_home_goes_is_refused_and_neither_it_nor_its_target_changes(string target)
    {
        using var homes = RunHomes.Open(Root);
        var victim = Path.Combine(_folder, "victim");
        if (target == "directory")
        {
            Directory.CreateDirectory(victim);
            File.SetUnixFileMode(victim, (UnixFileMode)0x1ed /* 0755 */);
        }
        else
        {
            await File.WriteAllTextAsync(victim, "root's own\n");
            File.SetUnixFileMode(victim, (UnixFileMode)0x1a4 /* 0644 */);
        }

        var planted = Path.Combine(Root, Uid.ToString());
        File.CreateSymbolicLink(planted, victim);
        var victimBefore = await FileStatus.DescribeAsync(victim);

        var refused = Assert.Throws<IOException>(() => homes.Make(Uid, Gid));

        Assert.Equal($"{planted} is not a directory but a symbolic link or another file: it is not followed; remove it", refused.Message);
        Assert.Equal(victimBefore, await FileStatus.DescribeAsync(victim));
        Assert.StartsWith("0:0 ", victimBefore);
        Assert.Equal(victim, new FileInfo(planted).LinkTarget);
    }

    [Fact]
    public async Task A_root_its_group_or_others_can_write_to_is_refused_and_no_home_is_made()
    {
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, (UnixFileMode)0x1ff /* 0777 */);

        var problem = RunHomes.Problem(Root);
        var refused = Assert.Throws<IOException>(() => RunHomes.Open(Root));

        Assert.Equal($"{Root} is writable by its group or others (mode 0777): they could plant links where homes go", problem);
        Assert.Equal(problem, refused.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
        Assert.Equal("0:0 777 directory", await FileStatus.DescribeAsync(Root));
    }

    [Fact]
    public void A_root_owned_by_another_user_is_refused()
    {
        Directory.CreateDirectory(Root);
        using (var root = Libc.open(Root, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC))
        {
            Assert.Equal(0, Libc.fchown(root, Uid, Gid));
        }

        Assert.Equal($"{Root} is owned by uid {Uid}, not by root: its owner could plant links where homes go", RunHomes.Problem(Root));
        Assert.Throws<IOException>(() => RunHomes.Open(Root));
    }

    [Fact]
    public void A_root_that_does_not_exist_yet_has_no_problem()
    {
        Assert.Null(RunHomes.Problem(Root));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
