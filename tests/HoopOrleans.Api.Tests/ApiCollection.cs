namespace HoopOrleans.Api.Tests;

/// <summary>The HTTP tests that share one <see cref="ApiFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
