using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>An interaction as the log holds it (position set), and whether this append was its first.</summary>
public readonly record struct LoggedInteraction(Interaction Interaction, bool IsDuplicate);
