using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Models;

/// <summary><c>pulse model fit-clv</c>: fit BG/NBD, Gamma-Gamma and Pareto/NBD on the cluster's population as of a day and publish them.</summary>
internal static class FitClvCommand
{
    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Fit the population as it stood at the end of this day (yyyy-MM-dd, event time); default today",
            HelpName = "DATE",
        };
        asOf.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                r.AddError($"--as-of: '{text}' is not a date in the form yyyy-MM-dd (e.g. 1997-09-30).");
            }
        });
        var periodDays = new Option<double>("--period-days") { Description = "The models' time unit in days (7: weeks)", DefaultValueFactory = _ => 7, HelpName = "DAYS" };
        periodDays.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var v && (!(v > 0) || v > 366))
            {
                r.AddError($"--period-days: {v} is not a number of days in (0, 366].");
            }
        });
        var requestedBy = new Option<string>("--requested-by") { Description = "Who asked, kept with the version", DefaultValueFactory = _ => Environment.UserName, HelpName = "NAME" };

        var command = new Command("fit-clv", "Fit the lifetime-value models on the cluster's purchases and publish them as the next version") { asOf, periodDays, requestedBy };
        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);
            var model = await client.FitClvAsync(new ClvFitPayload(parse.GetValue(asOf), parse.GetValue(periodDays), parse.GetValue(requestedBy) ?? "pulse"), cancellationToken).ConfigureAwait(false);
            output.Write(FitClvView.Render(model));
            return CommandActions.Ok;
        }));
        return command;
    }
}
