using System.CommandLine;
using System.Text.Json;
using Pulse.Cli.Api;
using Spectre.Console;

namespace Pulse.Cli.Shell;

/// <summary>Runs a command's action and turns the failures a user can act on into one clear line and an exit code.</summary>
internal static class CommandActions
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Interrupted = 130;

    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine("[yellow]Stopped.[/]");
                return Interrupted;
            }
            catch (PulseApiException ex)
            {
                return Fail(ex.Message);
            }
            catch (HttpRequestException ex)
            {
                return Fail($"could not reach the server: {ex.Message}");
            }
            catch (JsonException ex)
            {
                return Fail($"the server sent a reply the CLI does not understand: {ex.Message}");
            }
            catch (IOException ex)
            {
                return Fail(ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                return Fail(ex.Message);
            }
        };

    public static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return Failed;
    }
}
