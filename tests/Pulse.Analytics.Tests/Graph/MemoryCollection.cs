namespace Pulse.Analytics.Tests.Graph;

/// <summary>Tests that measure the managed heap, run alone so that no other test's allocations blur the figures.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;
