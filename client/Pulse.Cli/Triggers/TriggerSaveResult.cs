namespace Pulse.Cli.Triggers;

/// <summary>What <c>PUT /api/v1/triggers/{id}</c> did: the stored rule (and whether it is new), or every problem the server found.</summary>
internal sealed record TriggerSaveResult(TriggerEntry? Saved, bool Created, IReadOnlyList<TriggerProblem> Problems);
