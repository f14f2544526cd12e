using System.CommandLine;
using System.Globalization;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Spectre.Console;

namespace Pulse.Cli.Segments;

/// <summary>
/// <c>pulse segments customers &lt;id&gt;</c>: a page of a segment's customers in id order and the cursor of the
/// next; with <c>--all</c>, every page to the end, each printed as it arrives.
/// </summary>
internal static class SegmentCustomersCommand
{
    /// <summary>The server's largest page.</summary>
    public const int MaxPage = 1_000;

    public static Command Create(Option<Uri> url, IAnsiConsole? console = null)
    {
        var id = new Argument<int>("id") { Description = "The segment number (see pulse segments list)" };
        id.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 0)
            {
                result.AddError($"id: {value} is not a segment number (0 or more).");
            }
        });
        var limit = CommonOptions.Positive("--limit", $"Customers per page (at most {MaxPage.ToString("N0", CultureInfo.InvariantCulture)})", 100, max: MaxPage);
        var after = new Option<string?>("--after") { Description = "Start after this customer id: the next cursor a previous page printed", HelpName = "ID" };
        var all = new Option<bool>("--all") { Description = "Follow the next cursor to the end, printing each page as it arrives" };
        var command = new Command("customers", "List a segment's customers in id order: customer, distance to the centre, since when; a page at a time or --all")
        {
            id, limit, after, all,
        };

        command.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            var output = console ?? AnsiConsole.Console;
            var segment = parse.GetRequiredValue(id);
            var size = parse.GetValue(limit);
            var followAll = parse.GetValue(all);
            var cursor = parse.GetValue(after);
            var start = cursor;
            using var client = PulseApiClient.Create(parse.GetRequiredValue(url), connections: 1);

            var width = SegmentCustomersView.MinIdWidth;
            long printed = 0;
            while (true)
            {
                SegmentMembersPage page;
                try
                {
                    page = await client.GetSegmentCustomersAsync(segment, cursor, size, cancellationToken).ConfigureAwait(false);
                }
                catch (PulseApiException ex)
                {
                    return ConsoleFailure.Report(output, printed > 0 ? $"stopped after {printed.ToString("N0", CultureInfo.InvariantCulture)} customers: {ex.Message}" : ex.Message);
                }

                var customers = page.Customers ?? [];
                if (customers.Count > 0)
                {
                    if (printed == 0)
                    {
                        width = Math.Max(width, customers.Max(c => c.CustomerId.Length));
                        output.MarkupLine($"[grey]{Markup.Escape(SegmentCustomersView.Header(width))}[/]");
                    }

                    foreach (var customer in customers)
                    {
                        output.WriteLine(SegmentCustomersView.Row(customer, width));
                    }

                    printed += customers.Count;
                }

                if (page.Next is null || !followAll)
                {
                    output.MarkupLine(SegmentCustomersView.Footer(segment, start, printed, followAll ? null : page.Next));
                    return CommandActions.Ok;
                }

                if (page.Next == cursor || customers.Count == 0)
                {
                    return ConsoleFailure.Report(output, $"the server's next cursor '{page.Next}' does not move on; stopped after {printed.ToString("N0", CultureInfo.InvariantCulture)} customers.");
                }

                cursor = page.Next;
            }
        }));
        return command;
    }

    /// <summary>The command that prints the page after <paramref name="next"/>.</summary>
    public static string NextCommand(int segment, string next) =>
        $"pulse segments customers {segment.ToString(CultureInfo.InvariantCulture)} --after {next}";
}
