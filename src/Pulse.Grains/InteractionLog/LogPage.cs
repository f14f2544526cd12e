using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>Interactions read from one partition of the log after a cursor, and the cursor after them.</summary>
public sealed record LogPage(IReadOnlyList<Interaction> Interactions, LogCursor Next);
