namespace Pulse.Cli.Import;

/// <summary>A file that cannot be read at all: unknown layout, a missing column, broken quoting.</summary>
internal sealed class ImportFormatException(string message) : Exception(message);
