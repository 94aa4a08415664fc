using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HoopOrleans.Api.Tests.Sessions;

public sealed class WaitQueryTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private static IQueryCollection Query(string query) => new QueryCollection(QueryHelpers.ParseQuery(query));

    [Theory]
    [InlineData("?wait=0", 0)]
    [InlineData("?wait=2.5", 2.5)]
    [InlineData("?wait=300", 300)]
    [InlineData("?wait=301", 300)]
    [InlineData("?wait=100000000000000000000", 300)]
    [InlineData("", 50)]
    public void Reads_and_clamps_seconds(string query, double seconds)
    {
        Assert.Equal(new Parsed<TimeSpan>(TimeSpan.FromSeconds(seconds), null), WaitQuery.Read(Query(query), Fallback, Max));
    }

    [Fact]
    public void The_fallback_is_clamped_too()
    {
        Assert.Equal(new Parsed<TimeSpan>(Max, null), WaitQuery.Read(Query(""), TimeSpan.FromHours(1), Max));
    }

    [Theory]
    [InlineData("?wait=")]
    [InlineData("?wait=-0.1")]
    [InlineData("?wait=+1")]
    [InlineData("?wait=1e2")]
    [InlineData("?wait=NaN")]
    [InlineData("?wait=%201")]
    [InlineData("?wait=1&wait=1")]
    public void Refuses_anything_but_one_plain_number(string query)
    {
        Assert.Equal(Refusal.BadRequest(WaitQuery.Invalid), WaitQuery.Read(Query(query), Fallback, Max).Refusal);
    }
}
