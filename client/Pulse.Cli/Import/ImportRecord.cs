using Pulse.Cli.Api;

namespace Pulse.Cli.Import;

/// <summary>One interaction read from a file, with the line it came from.</summary>
/// <param name="Row">1-based line number in the file (a header is line 1), as an editor shows it.</param>
/// <param name="Interaction">What will be sent.</param>
internal readonly record struct ImportRecord(long Row, InteractionPayload Interaction);
