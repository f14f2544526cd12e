namespace Pulse.Cli.Triggers;

/// <summary>A refused rule: the problem document with <c>errors</c> keyed by the JSON path of each field at fault.</summary>
internal sealed record TriggerValidationProblem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
