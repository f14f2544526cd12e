using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pulse.Analytics.Learning;

/// <summary>
/// A trained model as shipped and published: one zip holding <c>manifest.json</c> (what the model is,
/// how it was trained, on what, and how well it did) and <c>mlnet.zip</c> (the ML.NET model).
/// Entries carry a fixed time stamp so the container adds no noise of its own between two trainings.
/// </summary>
public sealed record ModelArtifact(ModelManifest Manifest, byte[] MlNetModel)
{
    public const string ManifestEntry = "manifest.json";
    public const string ModelEntry = "mlnet.zip";
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(Manifest, JsonOptions));
            Write(zip, ModelEntry, MlNetModel);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an artifact; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static ModelArtifact FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray()), ZipArchiveMode.Read);
            var manifestBytes = Read(zip, ManifestEntry);
            var manifest = JsonSerializer.Deserialize<ModelManifest>(manifestBytes, JsonOptions)
                ?? throw new InvalidDataException($"The artifact's {ManifestEntry} is empty.");
            if (manifest.Format != ModelManifest.CurrentFormat)
            {
                throw new InvalidDataException($"The artifact's format is {manifest.Format}; this Pulse reads format {ModelManifest.CurrentFormat}.");
            }

            return new ModelArtifact(manifest, Read(zip, ModelEntry));
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            throw new InvalidDataException($"Not a Pulse model artifact: {e.Message}", e);
        }
    }

    /// <summary>The kind-specific part of the manifest as <typeparamref name="T"/>.</summary>
    public T Details<T>()
    {
        var details = Manifest.Details ?? throw new InvalidDataException("The artifact's manifest has no details.");
        return details.Deserialize<T>(JsonOptions) ?? throw new InvalidDataException("The artifact's manifest details are empty.");
    }

    public static JsonObject ToDetails<T>(T details) => (JsonObject)JsonSerializer.SerializeToNode(details, JsonOptions)!;

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The artifact has no {name}.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
