using System.Data.Common;
using HoopOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>
/// A PostgreSQL failure that Orleans' own code meets on a silo (membership read while the server
/// restarts) reaches the caller as the <see cref="DbException"/> it is, so a front end answers 503;
/// Orleans' default would fail the whole answer with no codec for it, and the front end answered 500.
/// </summary>
public sealed class DriverExceptionCrossingTests
{
    private static readonly PostgresException Restart =
        new("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);

    private static Serializer SerializerOf(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddSerializer();
        configure(services);
        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }

    [Fact]
    public void Orleans_alone_cannot_carry_the_drivers_exception()
    {
        var serializer = SerializerOf(_ => { });

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(new InvalidOperationException("outer", Restart)));
    }

    [Fact]
    public void A_node_carries_it_as_a_database_failure_with_its_message()
    {
        var serializer = SerializerOf(HoopClusterConfiguration.CarryDriverExceptions);

        var crossed = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new InvalidOperationException("outer", Restart)));

        var inner = Assert.IsAssignableFrom<DbException>(crossed?.InnerException);
        // What Orleans carries is the type, its message and its trace; the driver's own fields stay behind.
        Assert.Contains("administrator command", inner.Message);
    }
}
