namespace Pulse.Cli.Import;

/// <summary>What a reader made of a file: the rows that can be sent and the ones that cannot.</summary>
internal sealed class ImportFile(string sourceName, IReadOnlyDictionary<string, string>? columnsByField = null)
{
    /// <summary>Errors kept for display; the rest are only counted.</summary>
    public const int MaxKeptErrors = 1_000;

    private readonly List<ImportRecord> _records = [];
    private readonly List<ImportError> _errors = [];

    /// <summary>The file name the event ids derive from.</summary>
    public string SourceName { get; } = sourceName;

    /// <summary>
    /// The file's column behind each wire field (<c>timestamp</c> → <c>order_date</c>), so the server's
    /// rejections can be reported in the file's own terms.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsByField { get; } = columnsByField ?? new Dictionary<string, string>();

    /// <summary>The good rows, in file order.</summary>
    public IReadOnlyList<ImportRecord> Records => _records;

    /// <summary>The first <see cref="MaxKeptErrors"/> bad rows, in file order.</summary>
    public IReadOnlyList<ImportError> Errors => _errors;

    /// <summary>All bad rows.</summary>
    public long ErrorCount { get; private set; }

    /// <summary>Data rows read (good and bad; headers and empty lines not counted).</summary>
    public long RowsRead => _records.Count + ErrorCount;

    public void Add(ImportRecord record) => _records.Add(record);

    public void Add(ImportError error)
    {
        ErrorCount++;
        if (_errors.Count < MaxKeptErrors)
        {
            _errors.Add(error);
        }
    }
}
