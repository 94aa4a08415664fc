using HoopOrleans.Storage;

namespace HoopOrleans.Grains.Tests.Storage;

public sealed class RetentionOptionsTests
{
    private static string[] Failures(RetentionOptions options) =>
        [.. new RetentionOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_defaults_keep_thirty_days_and_half_a_gibibyte_let_reviews_wait_a_week_and_sweep_every_minute()
    {
        var options = new RetentionOptions();

        Assert.Equal(TimeSpan.FromDays(30), options.MaxAge);
        Assert.Equal(TimeSpan.FromDays(7), options.ReviewMaxAge);
        Assert.Equal(536870912, options.MaxStoredBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), options.SweepInterval);
        Assert.Empty(Failures(options));
    }

    [Theory]
    [InlineData("00:00:00", 1L, "00:01:00", "Retention:MaxAge")]
    [InlineData("36501.00:00:00", 1L, "00:01:00", "Retention:MaxAge")]
    [InlineData("1.00:00:00", 0L, "00:01:00", "Retention:MaxStoredBytes")]
    [InlineData("1.00:00:00", -5L, "00:01:00", "Retention:MaxStoredBytes")]
    [InlineData("1.00:00:00", 1L, "-00:00:01", "Retention:SweepInterval")]
    [InlineData("1.00:00:00", 1L, "1.00:00:01", "Retention:SweepInterval")]
    public void A_bad_value_is_refused_naming_its_key(string maxAge, long maxStoredBytes, string sweepInterval, string key)
    {
        var failures = Failures(new RetentionOptions
        {
            MaxAge = TimeSpan.Parse(maxAge),
            MaxStoredBytes = maxStoredBytes,
            SweepInterval = TimeSpan.Parse(sweepInterval),
        });

        Assert.StartsWith(key + " ", Assert.Single(failures));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("36501.00:00:00")]
    public void A_bad_review_max_age_is_refused_naming_its_key(string reviewMaxAge)
    {
        var failures = Failures(new RetentionOptions { ReviewMaxAge = TimeSpan.Parse(reviewMaxAge) });

        Assert.StartsWith("Retention:ReviewMaxAge ", Assert.Single(failures));
    }
}
