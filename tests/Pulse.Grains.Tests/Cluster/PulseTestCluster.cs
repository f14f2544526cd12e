using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Pulse.Grains;
using Pulse.Grains.Hosting;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Segments;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Cluster;

/// <summary>
/// An in-process cluster of silos configured as the local profile is, with one interaction log shared by every silo (as the durable log is shared in a real cluster).
/// </summary>
public sealed class PulseTestCluster : IAsyncDisposable
{
    /// <summary>
    /// Where the fake clock starts: the real time at start-up, whole seconds. The memory stream queues
    /// stamp events with the grain clock and age them out by real time, so the two must not drift apart by days.
    /// </summary>
    public static readonly DateTimeOffset Start = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private PulseTestCluster(InProcessTestCluster cluster, FakeTimeProvider? clock, InMemoryInteractionLog log, InMemoryTriggerOutbox outbox)
    {
        Cluster = cluster;
        Clock = clock;
        Log = log;
        Outbox = outbox;
    }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The fake grain clock, when the cluster has one.</summary>
    public FakeTimeProvider? Clock { get; }

    public InMemoryInteractionLog Log { get; }

    /// <summary>The trigger outbox every silo shares.</summary>
    public InMemoryTriggerOutbox Outbox { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts a cluster; with <paramref name="grainClock"/>, grain timers run on that fake clock.</summary>
    /// <param name="settings">Further configuration (<c>Pulse:Segments:K</c>, ...).</param>
    public static async Task<PulseTestCluster> StartAsync(short silos, TimeSpan checkpointInterval, FakeTimeProvider? grainClock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var log = new InMemoryInteractionLog(Options.Create(new InMemoryInteractionLogOptions()));
        var members = new InMemorySegmentMembers();
        var outbox = new InMemoryTriggerOutbox();
        var values = new Dictionary<string, string?> { ["Pulse:Customers:CheckpointInterval"] = checkpointInterval.ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var builder = new InProcessTestClusterBuilder(silos);

        // The silos' own configuration carries the settings too, as the real host's does: grains that read
        // IConfiguration (the trigger registry's webhook secrets) see them.
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(values));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPulseMemoryStorage(PulseStorage.Customers);
            silo.AddPulseMemoryStorage(PulseStorage.Models);
            silo.UseInMemoryReminderService();
            silo.Services.AddPulseGrains(configuration);
            if (grainClock is not null)
            {
                // Only the grain-facing clock is fake: grain timers and grains' "now" follow it, while
                // membership and messaging keep real time.
                silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, grainClock);
            }
            silo.Services.AddSingleton<IInteractionLog>(log);
            silo.Services.AddSingleton<ISegmentMembers>(members); // One store for the cluster, as PostgreSQL is.
            silo.Services.AddSingleton<ITriggerOutbox>(outbox); // Likewise.
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PulseTestCluster(cluster, grainClock, log, outbox);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
    }
}
