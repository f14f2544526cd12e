namespace Pulse.Cli.Triggers;

/// <summary>One thing wrong with a rule: the JSON path of the field and what is wrong.</summary>
internal sealed record TriggerProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
