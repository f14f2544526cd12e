namespace Pulse.Cli.Tests.EndToEnd;

/// <summary>Tests that replace the process-wide console run with nothing else in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "process console";
}
