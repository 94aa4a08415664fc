using HoopOrleans.Storage.Postgres;
using Npgsql;

namespace HoopOrleans.Grains.Tests.Postgres;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void Statements_are_prepared_and_pooled_connections_are_not_reset_by_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresSessionsExtensions.Tuned("Host=db;Username=hoop;Database=hoop"));

        Assert.Equal(32, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void Settings_the_connection_string_names_win(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresSessionsExtensions.Tuned(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
