using Pulse.Contracts.Access;

namespace Pulse.Grains.Access;

[GenerateSerializer, Alias("pulse.ApiKeysState")]
public sealed class ApiKeysState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<ApiKey> Keys { get; set; } = [];
}
