namespace Pulse.Cli.Import;

/// <summary>How an import went, row by row as far as the server answered.</summary>
internal sealed record ImportOutcome
{
    public required string SourceName { get; init; }

    public long RowsRead { get; init; }

    /// <summary>Rows that could not be read and were not sent.</summary>
    public long Invalid { get; init; }

    public long Sent { get; init; }

    public long Accepted { get; init; }

    public long Duplicates { get; init; }

    public long Rejected { get; init; }

    /// <summary>Rows never answered for, because the import stopped.</summary>
    public long NotSent { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The first problems: unreadable rows, then server rejections, each naming its row.</summary>
    public IReadOnlyList<ImportError> Problems { get; init; } = [];

    /// <summary>Why the import stopped before the end, if it did.</summary>
    public string? StoppedBecause { get; init; }

    public bool Clean => Invalid == 0 && Rejected == 0 && StoppedBecause is null;
}
