namespace Pulse.Cli.Api;

/// <summary>Why the server refused one item of a batch.</summary>
/// <param name="Index">The item's 0-based position in the batch.</param>
/// <param name="Field">The field at fault (wire name), or <c>$</c> for the item as a whole.</param>
/// <param name="Reason">What is wrong.</param>
internal sealed record IngestRejection(int Index, string Field, string Reason);
