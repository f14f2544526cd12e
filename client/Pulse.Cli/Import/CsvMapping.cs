using Pulse.Analytics.Simulation;

namespace Pulse.Cli.Import;

/// <summary>Which CSV column (header name, or 1-based number without a header) feeds which interaction field.</summary>
internal sealed record CsvMapping
{
    public required string Customer { get; init; }

    public required string Timestamp { get; init; }

    public string? Amount { get; init; }

    /// <summary>Used for rows whose amount is empty, or for every row when there is no amount column.</summary>
    public decimal? DefaultAmount { get; init; }

    public FieldSource Kind { get; init; } = FieldSource.Of(EventVocabulary.Purchase);

    public FieldSource Channel { get; init; } = FieldSource.Of(EventVocabulary.Store);

    /// <summary>A column of event ids; without it ids derive from the file name and row (<see cref="EventIds"/>).</summary>
    public string? EventId { get; init; }

    public string? Text { get; init; }

    public string? Counterparty { get; init; }

    /// <summary>An exact .NET date format for the timestamp column; null accepts ISO 8601 and yyyyMMdd.</summary>
    public string? DateFormat { get; init; }

    /// <summary>The field separator; null detects it (comma, semicolon, tab or pipe).</summary>
    public char? Separator { get; init; }

    public bool HasHeader { get; init; } = true;

    /// <summary>Prepended to customer and counterparty ids.</summary>
    public string CustomerPrefix { get; init; } = string.Empty;
}
