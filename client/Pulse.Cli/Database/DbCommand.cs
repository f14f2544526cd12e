using System.CommandLine;
using Npgsql;
using Pulse.Cli.Shell;
using Pulse.Grains.Postgres;
using Spectre.Console;

namespace Pulse.Cli.Database;

/// <summary><c>pulse db init|status</c>: create or upgrade Pulse's PostgreSQL schema, and say which version a database has.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.Connection();

        var init = new Command("init", "Create or upgrade every table and stored query Pulse needs (idempotent)") { connection };
        init.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            if (CommonOptions.ConnectionString(parse.GetValue(connection)) is not { } cs)
            {
                return CommandActions.Fail(CommonOptions.NoConnection);
            }

            try
            {
                var applied = await PulseSchema.ApplyAsync(cs, cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLine(applied.Count == 0
                    ? $"[green]Up to date[/] at schema version {PulseSchema.LatestVersion}."
                    : $"[green]Applied[/] {applied.Count} script(s) ({string.Join(", ", applied)}); schema version {PulseSchema.LatestVersion}.");
                return CommandActions.Ok;
            }
            catch (NpgsqlException ex)
            {
                return CommandActions.Fail($"PostgreSQL: {ex.Message}");
            }
        }));

        var status = new Command("status", "Show the schema versions applied to a database") { connection };
        status.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            if (CommonOptions.ConnectionString(parse.GetValue(connection)) is not { } cs)
            {
                return CommandActions.Fail(CommonOptions.NoConnection);
            }

            try
            {
                var versions = await PulseSchema.AppliedVersionsAsync(cs, cancellationToken).ConfigureAwait(false);
                var pending = PulseSchema.Pending(versions);
                AnsiConsole.MarkupLine(versions.Count == 0 ? "[yellow]Not initialised.[/] Run pulse db init." : $"Applied: {string.Join(", ", versions)}");
                if (pending.Count > 0)
                {
                    AnsiConsole.MarkupLine($"[yellow]Pending:[/] {Markup.Escape(string.Join(", ", pending))}");
                }

                return pending.Count == 0 ? CommandActions.Ok : CommandActions.Failed;
            }
            catch (NpgsqlException ex)
            {
                return CommandActions.Fail($"PostgreSQL: {ex.Message}");
            }
        }));

        return new Command("db", "Manage Pulse's PostgreSQL schema") { init, status };
    }

}
