namespace HoopOrleans.Grains.Tests.Catalog;

/// <summary>The shared list filters, run against the in-memory store.</summary>
public sealed class InMemorySessionCatalogFilterTests() : SessionCatalogFilterCases(new InMemoryCatalogUnderTest());

/// <summary>The shared pages, counts and list items, run against the in-memory store.</summary>
public sealed class InMemorySessionCatalogPageTests() : SessionCatalogPageCases(new InMemoryCatalogUnderTest());
