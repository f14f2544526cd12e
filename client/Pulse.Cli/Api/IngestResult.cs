using System.Text.Json.Serialization;

namespace Pulse.Cli.Api;

/// <summary>The server's answer to one ingest batch.</summary>
internal sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<IngestRejection> Rejected)
{
    /// <summary>How many POSTs it took (1 when the first one was answered).</summary>
    [JsonIgnore]
    public int Attempts { get; init; } = 1;
}
