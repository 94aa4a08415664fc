namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// The in-memory store keeps its sessions in this process's memory and depends on no service, so
/// it can have no outage, and none is faked: each outage case asserts instead that the store says
/// so and that every operation the case would try serves.
/// </summary>
public sealed class InMemorySessionStoreOutageTests() : SessionStoreOutageConformance(new InMemorySessionStoreUnderTest())
{
    [Fact]
    public override Task While_its_service_is_down_every_operation_answers_store_unavailable_and_nothing_stored_is_lost() => KeepsServingAsync();

    [Fact]
    public override Task After_its_service_restarts_each_operation_succeeds_at_once() => KeepsServingAsync();
}
