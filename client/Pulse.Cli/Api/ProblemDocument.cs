namespace Pulse.Cli.Api;

/// <summary>The parts of an RFC 7807 problem document that the CLI shows.</summary>
internal sealed record ProblemDocument(string? Title, string? Detail, int? Status);
