namespace Pulse.Web.Tests;

/// <summary>
/// A silo host of its own for the graph tests: influence is shared by the whole graph, so relationships
/// other tests post would move the ranking these tests read. Shards report and refresh often, so the
/// polls settle quickly.
/// </summary>
public sealed class GraphHostFixture : SiloHostFixture
{
    protected override IEnumerable<string> Settings =>
    [
        "--Pulse:Demo:Enabled=false",
        "--Pulse:Graph:ReportInterval=00:00:00.200",
        "--Pulse:Graph:NeighbourRefreshInterval=00:00:01",
    ];
}
