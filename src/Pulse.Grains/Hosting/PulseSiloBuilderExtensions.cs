using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Pulse.Contracts;

namespace Pulse.Grains.Hosting;

/// <summary>Silo configuration that every profile and the test clusters share.</summary>
public static class PulseSiloBuilderExtensions
{
    /// <summary>Pulse's stream provider: in-memory queues polled often, so an event reaches its customer in milliseconds.</summary>
    public static ISiloBuilder AddPulseStreams(this ISiloBuilder silo, int queues = 8)
    {
        silo.AddMemoryStreams(PulseStreams.ProviderName, streams =>
        {
            streams.ConfigurePartitioning(queues);

            // Customers subscribe implicitly; explicit pub-sub would cost a rendezvous grain call and a
            // PubSubStore write for every new customer stream (a PostgreSQL round trip on that profile).
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(options =>
            {
                // The default 100 ms poll would alone blow the 50 ms POST-to-visible budget.
                options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5);
            }));
        });
        return silo;
    }

    /// <summary>
    /// In-memory grain storage that keeps state in Orleans' binary format. The default storage
    /// serializer is Newtonsoft JSON, which made checkpoints the silo's largest CPU cost under load.
    /// </summary>
    public static ISiloBuilder AddPulseMemoryStorage(this ISiloBuilder silo, string name)
    {
        silo.AddMemoryGrainStorage(name);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(name)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }

    /// <summary>The same stream provider on a client, so it maps streams to the queues the silos read.</summary>
    public static IClientBuilder AddPulseStreams(this IClientBuilder client, int queues = 8)
    {
        client.AddMemoryStreams(PulseStreams.ProviderName, streams =>
        {
            streams.ConfigurePartitioning(queues);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
        return client;
    }
}
