using Spectre.Console;

namespace Pulse.Cli.Shell;

/// <summary>
/// The one-line error of <see cref="CommandActions.Fail"/>, on a console of the command's choosing: the
/// commands that take a console (so tests can read what they say) report their errors there too.
/// </summary>
internal static class ConsoleFailure
{
    public static int Report(IAnsiConsole console, string message)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return CommandActions.Failed;
    }
}
