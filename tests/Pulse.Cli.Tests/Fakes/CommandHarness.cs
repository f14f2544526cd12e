using System.CommandLine;
using System.Globalization;
using System.Text;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Tests.Fakes;

/// <summary>Runs a command under a root with <c>--url</c>, its console and the parser's errors captured as plain text.</summary>
internal static class CommandHarness
{
    public static async Task<(int Code, string Output)> RunAsync(Func<Option<Uri>, IAnsiConsole, Command> create, params string[] args)
    {
        var writer = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var url = CommonOptions.Url();
        var root = new RootCommand { url, create(url, console) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
