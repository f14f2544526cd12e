using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Pulse.Grains.Hosting;

/// <summary>Silo configuration that every profile and the test clusters share.</summary>
public static class PulseSiloBuilderExtensions
{
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
}
