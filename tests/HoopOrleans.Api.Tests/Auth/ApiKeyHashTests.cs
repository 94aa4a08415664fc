using HoopOrleans.Api.Auth;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// The shared test library hashes the keys it configures nodes with by itself (it references no
/// project of src/); this pins its hash to the front end's, so a change to one fails here rather
/// than as a cluster that refuses every key.
/// </summary>
public sealed class ApiKeyHashTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("ops-cluster-key")]
    [InlineData("")]
    [InlineData("clé \U0001F511 with spaces")]
    public void The_test_library_hashes_a_key_as_the_front_end_does(string key)
    {
        Assert.Equal(ApiKeyRegistry.HashOf(key), ApiKeyHash.Of(key));
    }
}
