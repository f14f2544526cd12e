using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>Interactions read from one partition of the log after a cursor, and the cursor after them.</summary>
/// <param name="Interactions">In commit order.</param>
/// <param name="Next">The cursor after the last of them.</param>
/// <param name="Cursors">Each interaction's own cursor, in the same order (for readers that skip what they had).</param>
public sealed record LogPage(IReadOnlyList<Interaction> Interactions, LogCursor Next, IReadOnlyList<LogCursor> Cursors);
