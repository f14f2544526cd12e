namespace Pulse.Cli.Api;

/// <summary>An interaction as the log holds it: the ingest fields plus its position.</summary>
internal sealed record LoggedInteraction(
    string EventId,
    string CustomerId,
    DateTimeOffset Timestamp,
    string Channel,
    string Kind,
    decimal? Amount,
    string? Text,
    string? CounterpartyId,
    IReadOnlyDictionary<string, string>? Properties,
    long Position);
