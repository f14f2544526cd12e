using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Pulse.Cli.Triggers;

/// <summary>The output of <c>pulse triggers show</c>: the rule's bookkeeping, then its JSON, indented, ready to edit and put back.</summary>
internal static class TriggerEntryView
{
    public static void Write(IAnsiConsole output, TriggerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entry);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("id", Markup.Escape(entry.Id));
        grid.AddRow("enabled", entry.Enabled ? "yes" : "[grey]no[/]");
        grid.AddRow("version", entry.Version.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("updated", entry.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        output.Write(grid);
        output.WriteLine(Indented(entry.Rule));
    }

    private static string Indented(JsonElement rule)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            rule.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
