namespace HoopOrleans.Processes.Tests;

/// <summary>This process's descriptors counted while nothing else in the test run opens any.</summary>
[CollectionDefinition(nameof(DescriptorCount), DisableParallelization = true)]
public sealed class DescriptorCount;
