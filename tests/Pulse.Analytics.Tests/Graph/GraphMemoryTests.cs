using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

/// <summary>What a customer and an edge cost in memory: the heap after a full collection, before and after.</summary>
[Collection(nameof(MemoryCollection))]
public sealed class GraphMemoryTests
{
    private const int Customers = 100_000;
    private const int Edges = 1_000_000;

    [Theory]
    [InlineData(true, 48, 200)]
    [InlineData(false, 64, 200)]
    public void AMillionEdgesFitInTensOfMegabytes(bool directed, double edgeBound, double customerBound)
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var ids = Enumerable.Range(0, Customers).Select(i => $"customer-{i:D6}").ToArray();
        var random = new Random(1);
        var ends = Enumerable.Range(0, Edges).Select(_ => (random.Next(Customers), random.Next(Customers))).ToArray();

        var empty = Heap();
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = directed, MutualKinds = new HashSet<RelationshipKind>() });
        foreach (var id in ids)
        {
            graph.AddCustomer(id);
        }

        var withCustomers = Heap();
        foreach (var (from, to) in ends)
        {
            graph.Strengthen(from, to, RelationshipKind.Referral, at);
        }

        var withEdges = Heap();
        using var live = new IncrementalPageRank(graph);
        var withScores = Heap();

        // The id strings exist before (they are the caller's: grain keys); a customer's figure is what the graph adds.
        var perCustomer = (withCustomers - empty) / (double)Customers;
        var perEdge = (withEdges - withCustomers) / (double)graph.EdgeCount;
        var perScore = (withScores - withEdges) / (double)Customers;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{(directed ? "directed" : "undirected")}: {graph.EdgeCount:N0} edges, {graph.ArcCount:N0} arcs; {perCustomer:F0} B a customer (id strings aside), {perEdge:F1} B an edge, {perScore:F0} B a customer for incremental PageRank; 10M edges ≈ {perEdge * 1e7 / 1e9:F2} GB");
        Assert.InRange(perEdge, 16, edgeBound);
        Assert.InRange(perCustomer, 0, customerBound);
        Assert.InRange(perScore, 0, 64);
        GC.KeepAlive(graph);
        GC.KeepAlive(ids);
        GC.KeepAlive(ends);
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);
}
