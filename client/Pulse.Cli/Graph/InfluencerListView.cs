using System.Globalization;
using Pulse.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Pulse.Cli.Graph;

/// <summary>The output of <c>pulse influencers</c>: one row per customer, most influential first.</summary>
internal static class InfluencerListView
{
    public static IRenderable Render(IReadOnlyList<Influencer> influencers)
    {
        ArgumentNullException.ThrowIfNull(influencers);
        if (influencers.Count == 0)
        {
            return new Markup("[grey]the relationship graph is empty: no interaction has named a counterparty yet[/]");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("customer")
            .AddColumn(new TableColumn("influence").RightAligned()).AddColumn(new TableColumn("PageRank").RightAligned())
            .AddColumn(new TableColumn("relationships").RightAligned()).AddColumn("community");
        for (var i = 0; i < influencers.Count; i++)
        {
            var influencer = influencers[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                $"[bold]{Markup.Escape(influencer.CustomerId)}[/]",
                NetworkView.Relative(influencer.RelativeInfluence),
                NetworkView.Share(influencer.Influence),
                influencer.Degree.ToString("N0", CultureInfo.InvariantCulture),
                influencer.CommunityId is { } community ? Markup.Escape(community) : "[grey]—[/]");
        }

        return new Rows(table, new Markup("[grey]influence: × an average customer; PageRank sums to 1 over the graph[/]"));
    }
}
