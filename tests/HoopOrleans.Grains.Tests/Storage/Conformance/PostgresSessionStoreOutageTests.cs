namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>
/// PostgreSQL across an outage and restarts, on a private server of each case's own: the test
/// stops and starts it while the shared server serves every other PostgreSQL test.
/// </summary>
public sealed class PostgresSessionStoreOutageTests() : SessionStoreOutageConformance(new PostgresSessionStoreUnderTest(sharedServer: null));
