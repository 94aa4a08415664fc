namespace HoopOrleans.Grains.Tests.Storage.Conformance;

/// <summary>The storage contract, kept by the embedded default's in-memory store.</summary>
public sealed class InMemorySessionStoreConformanceTests() : SessionStoreConformance(new InMemorySessionStoreUnderTest());
