using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>A two-silo cluster with two webhook secrets configured (<c>default</c> and <c>crm-signing</c>), shared by the registry tests.</summary>
public sealed class TriggerClusterFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> Secrets = new Dictionary<string, string?>
    {
        ["Pulse:Triggers:Secrets:default"] = "default-signing-key",
        ["Pulse:Triggers:Secrets:crm-signing"] = "crm-signing-key",
    };

    public PulseTestCluster Pulse { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromMinutes(10), settings: Secrets);
    }

    public async ValueTask DisposeAsync()
    {
        await Pulse.DisposeAsync();
    }
}
