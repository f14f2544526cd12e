namespace Pulse.Cli.Import;

/// <summary>Why one row of a file cannot be imported, or was rejected by the server.</summary>
/// <param name="Row">1-based line number in the file.</param>
/// <param name="Column">The column (or option) at fault; null for the row as a whole.</param>
/// <param name="Reason">What is wrong, in words.</param>
internal sealed record ImportError(long Row, string? Column, string Reason)
{
    public override string ToString() =>
        Column is null ? $"row {Row}: {Reason}" : $"row {Row}, column '{Column}': {Reason}";
}
