using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Triggers;

/// <summary>Firings as a table: when, customer, why, and where each delivery stands.</summary>
internal static class TriggerFiringsView
{
    public static IRenderable Render(string title, IReadOnlyList<TriggerFiringItem> firings)
    {
        if (firings.Count == 0)
        {
            return new Markup($"[grey]{Markup.Escape(title)}: none[/]");
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn(new TableColumn("fired (UTC)").NoWrap()).AddColumn(new TableColumn("rule").NoWrap()).AddColumn(new TableColumn("customer").NoWrap())
            .AddColumn("why").AddColumn("deliveries");
        foreach (var (firing, deliveries) in firings)
        {
            table.AddRow(
                firing.FiredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape($"{firing.RuleId} v{firing.RuleVersion}"),
                Markup.Escape(firing.CustomerId),
                Markup.Escape(firing.Why),
                deliveries.Count == 0 ? "[grey]feed only[/]" : string.Join("\n", deliveries.Select(Delivery)));
        }

        return table;
    }

    private static string Delivery(TriggerDeliveryFacts d)
    {
        var state = d.State switch
        {
            "delivered" => "[green]delivered[/]",
            "dead-lettered" => "[red]dead-lettered[/]",
            _ => "[yellow]pending[/]",
        };
        var error = d.LastError is { Length: > 0 } e && d.State != "delivered" ? $" — {Markup.Escape(e)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"#{d.DeliveryId} {state} after {d.Attempts} attempt(s){error}");
    }
}
