using System.CommandLine;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary>
/// <c>pulse model ...</c>: fit, train, publish and check Pulse's models (lifetime value, sentiment,
/// churn). Each subcommand lives in its own file and is added here.
/// </summary>
internal static class ModelCommand
{
    /// <param name="url">The server, for the subcommands that talk to one.</param>
    /// <param name="console">Where the subcommands write; the process console when null (tests pass their own).</param>
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null) =>
        new("model", "Fit, train, publish and check the models: lifetime value (CLV), sentiment, churn")
        {
            FitClvCommand.Create(url, console),
            ReportClvCommand.Create(console),
            TrainSentimentCommand.Create(url, console),
            TrainChurnCommand.Create(url, console),
            ListModelsCommand.Create(url, console),
        };
}
