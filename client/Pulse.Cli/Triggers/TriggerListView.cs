using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Triggers;

/// <summary>The output of <c>pulse triggers list</c>: the registry version, then a table with one row per rule.</summary>
internal static class TriggerListView
{
    public static IRenderable Render(TriggerListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var rules = listing.Rules ?? [];
        var header = new Markup(string.Create(CultureInfo.InvariantCulture, $"registry version {listing.Version}, {rules.Count} rules"));
        if (rules.Count == 0)
        {
            return new Rows(header, new Markup("[grey]no trigger rules; add one with `pulse triggers put <file.json>`[/]"));
        }

        var table = new Table().Border(TableBorder.Rounded).Title("trigger rules")
            .AddColumn(new TableColumn("id").NoWrap()).AddColumn("on").AddColumn(new TableColumn("version").RightAligned())
            .AddColumn(new TableColumn("priority").RightAligned()).AddColumn("category").AddColumn("name")
            .AddColumn(new TableColumn("updated (UTC)").NoWrap());
        foreach (var rule in rules)
        {
            table.AddRow(
                Markup.Escape(rule.Id),
                rule.Enabled ? "yes" : "[grey]no[/]",
                rule.Version.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Text(rule.Rule, "priority")),
                Markup.Escape(Text(rule.Rule, "category")),
                Markup.Escape(Text(rule.Rule, "name")),
                rule.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        return new Rows(header, table);
    }

    private static string Text(JsonElement rule, string name) =>
        rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText()
            : "";
}
