namespace HoopOrleans.Processes.Tests;

/// <summary>The subordinate id ranges a run uid range must stay out of, read as <c>/etc/subuid</c> and <c>/etc/subgid</c> write them.</summary>
public sealed class SubordinateIdsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hoop-subids-").FullName;

    private string File(params string[] lines)
    {
        var path = Path.Combine(_folder, "subuid");
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void A_range_sharing_one_id_with_a_subordinate_range_is_found_with_its_owner()
    {
        var path = File("alice:100000:65536", "# a comment", "", "1001:2100000000:65536");

        Assert.Equal(new SubordinateIds.Range("1001", 2100000000, 2100065535), SubordinateIds.Overlap(path, 2099999000, 2100000000));
        Assert.Equal(new SubordinateIds.Range("alice", 100000, 165535), SubordinateIds.Overlap(path, 165535, 170000));
    }

    [Fact]
    public void Ranges_that_only_touch_do_not_overlap_and_a_missing_file_has_none()
    {
        var path = File("alice:100000:65536");

        Assert.Null(SubordinateIds.Overlap(path, 165536, 200000));
        Assert.Null(SubordinateIds.Overlap(path, 1, 99999));
        Assert.Null(SubordinateIds.Overlap(Path.Combine(_folder, "none"), 1, 4294967294));
    }

    [Theory]
    [InlineData("alice:100000")]
    [InlineData("alice:lots:65536")]
    [InlineData(":100000:65536")]
    [InlineData("alice:100000:0")]
    public void A_line_that_is_not_owner_first_count_is_an_error_naming_the_file_and_line_not_skipped(string line)
    {
        var path = File("bob:300000:65536", line);

        var error = Assert.Throws<IOException>(() => SubordinateIds.Overlap(path, 1, 2));

        Assert.Equal($"{path} line 2 is not 'owner:first:count'", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
