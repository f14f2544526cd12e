using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary>
/// <c>pulse triggers put &lt;file.json&gt;</c>: creates or replaces the rule the file holds (its <c>id</c> says
/// which). A refused rule prints every problem as <c>path: message</c> and exits 1.
/// </summary>
internal static class PutTriggerCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON file with one rule (docs/triggers.md); its 'id' names the rule" };
        var command = new Command("put", "Create or replace a trigger rule from a JSON file; validation errors are printed as path: message") { file };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                return ConsoleFailure.Report(output, $"no file '{path.FullName}'");
            }

            var json = await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            if (RuleId(json, out var local) is not { } id)
            {
                return Refused(output, path.Name, [local!]);
            }

            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            TriggerSaveResult result;
            try
            {
                result = await client.PutTriggerAsync(id, json, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                return ConsoleFailure.Report(output, ex.Message);
            }

            if (result.Saved is not { } saved)
            {
                return Refused(output, path.Name, result.Problems);
            }

            output.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{(result.Created ? "created" : "replaced")} rule [bold]{Markup.Escape(saved.Id)}[/] (version {saved.Version}, {(saved.Enabled ? "enabled" : "disabled")})"));
            return CommandActions.Ok;
        }));
        return command;
    }

    /// <summary>The rule's id from the file; the path needs it. A file that is not a JSON object with a string id is refused here, in the server's terms.</summary>
    private static string? RuleId(string json, out TriggerProblem? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = new("$", "must be a JSON object (a rule)");
                return null;
            }

            if (document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text)
            {
                return text;
            }

            problem = new("id", "is required: it names the rule to create or replace");
            return null;
        }
        catch (JsonException ex)
        {
            problem = new("$", $"not valid JSON: {ex.Message}");
            return null;
        }
    }

    private static int Refused(IAnsiConsole output, string file, IReadOnlyList<TriggerProblem> problems)
    {
        output.MarkupLine($"[red]error:[/] {Markup.Escape(file)} was not saved:");
        foreach (var problem in problems)
        {
            output.MarkupLine($"  [yellow]{Markup.Escape(problem.Path)}[/]: {Markup.Escape(problem.Message)}");
        }

        return CommandActions.Failed;
    }
}
