namespace Pulse.Contracts.Ingest;

/// <summary>What ingest did with a batch of valid interactions.</summary>
/// <param name="Accepted">Newly logged and published.</param>
/// <param name="Duplicates">Already logged under the same event id; not applied again.</param>
[GenerateSerializer, Immutable, Alias("pulse.IngestReceipt")]
public sealed record IngestReceipt(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates);
