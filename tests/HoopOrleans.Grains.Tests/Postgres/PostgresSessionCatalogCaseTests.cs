using HoopOrleans.Grains.Tests.Catalog;

namespace HoopOrleans.Grains.Tests.Postgres;

/// <summary>The shared list filters, run against PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionCatalogFilterTests(PostgresServer server) : SessionCatalogFilterCases(new PostgresCatalogUnderTest(server));

/// <summary>The shared pages, counts and list items, run against PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionCatalogPageTests(PostgresServer server) : SessionCatalogPageCases(new PostgresCatalogUnderTest(server));
