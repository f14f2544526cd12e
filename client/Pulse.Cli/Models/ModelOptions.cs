using System.CommandLine;
using System.Globalization;

namespace Pulse.Cli.Models;

/// <summary>Options the model-training commands share.</summary>
internal static class ModelOptions
{
    /// <summary>Who the CLI says asked for a version; the registry keeps it with the version.</summary>
    public const string RequestedBy = "pulse-cli";

    /// <summary><c>--holdout</c>: the share of rows held out to measure the model, strictly between 0 and 1.</summary>
    public static Option<double> Holdout(string description)
    {
        var option = new Option<double>("--holdout") { Description = description, DefaultValueFactory = _ => 0.2, HelpName = "SHARE" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value < 1))
            {
                result.AddError($"--holdout: {value.ToString(CultureInfo.InvariantCulture)} is not a share strictly between 0 and 1 (e.g. 0.2).");
            }
        });
        return option;
    }

    /// <summary>A held-out measure as the CLI prints it: four decimals, or a dash when the server had none to give.</summary>
    public static string Measure(double value) =>
        double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "—";
}
