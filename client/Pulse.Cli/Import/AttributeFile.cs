namespace Pulse.Cli.Import;

/// <summary>What <see cref="AttributeReader"/> made of a CRM export: the events to send and the rows left out.</summary>
/// <param name="Events">One or more profile updates per row with a customer id, ready for <see cref="ImportRunner"/>.</param>
/// <param name="Attributes">The columns sent as attributes, in file order.</param>
/// <param name="RowsRead">Data rows read (the header and empty lines not counted).</param>
/// <param name="Skipped">The first <see cref="ImportFile.MaxKeptErrors"/> rows not sent (empty customer id, wrong number of cells), each with its line.</param>
/// <param name="SkippedCount">All rows not sent.</param>
/// <param name="SplitRows">Rows with more attributes than one event carries, sent as several events.</param>
/// <param name="UnnamedColumns">Columns with an empty header, left out (a trailing separator in the header makes one).</param>
internal sealed record AttributeFile(
    ImportFile Events,
    IReadOnlyList<string> Attributes,
    long RowsRead,
    IReadOnlyList<ImportError> Skipped,
    long SkippedCount,
    long SplitRows,
    int UnnamedColumns);
