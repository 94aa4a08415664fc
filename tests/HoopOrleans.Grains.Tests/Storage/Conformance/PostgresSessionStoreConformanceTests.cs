using HoopOrleans.Grains.Tests.Postgres;

namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>The storage contract, kept by PostgreSQL: each case on a database of its own on the server the PostgreSQL tests share.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStoreConformanceTests(PostgresServer server) : SessionStoreConformance(new PostgresSessionStoreUnderTest(server));
