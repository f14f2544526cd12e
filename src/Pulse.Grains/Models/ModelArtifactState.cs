namespace Pulse.Grains.Models;

/// <summary>One model artifact's bytes.</summary>
[GenerateSerializer, Alias("pulse.ModelArtifactState")]
public sealed class ModelArtifactState
{
    [Id(0)] public byte[] Bytes { get; set; } = [];
}
