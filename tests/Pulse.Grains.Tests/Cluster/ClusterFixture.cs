namespace Pulse.Grains.Tests.Cluster;

/// <summary>One two-silo cluster shared by the tests of <see cref="ClusterCollection"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMinutes(10);

    public PulseTestCluster Pulse { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Pulse = await PulseTestCluster.StartAsync(2, CheckpointInterval);
    }

    public async ValueTask DisposeAsync()
    {
        await Pulse.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "two-silo cluster";
}
