using Pulse.Analytics.Graph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.Search;

namespace Pulse.Analytics.Tests.Graph;

public sealed class QuikGraphViewTests
{
    [Fact]
    public void QuikGraphSearchesRunOnTheGraphAsItIs()
    {
        // Breadth-first distances from the instructor (member 1) by QuikGraph, on the view: everyone is
        // within three hops, and the officer (34) two.
        var graph = GraphFiles.Karate();
        var view = new QuikGraphView(graph);
        var search = new BreadthFirstSearchAlgorithm<int, RelationshipArc>(view);
        var distances = new VertexDistanceRecorderObserver<int, RelationshipArc>(_ => 1);
        using (distances.Attach(search))
        {
            search.Compute(0);
        }

        Assert.Equal(34, distances.Distances.Count);
        Assert.Equal(2, distances.Distances[33]);
        Assert.Equal(3, distances.Distances.Values.Max());
    }

    [Fact]
    public void TheViewShowsArcsWithKindsAndSkipsFreeSlots()
    {
        var graph = new RelationshipGraph();
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, GraphFiles.At);
        graph.Strengthen("ann", "bob", RelationshipKind.Mention, GraphFiles.At);
        graph.Strengthen("cat", "ann", RelationshipKind.Household, GraphFiles.At);
        graph.RemoveCustomer("cat");
        var view = new QuikGraphView(graph);

        Assert.Equal([0, 1], view.Vertices);
        Assert.Equal(2, view.OutDegree(0));
        Assert.True(view.TryGetEdges(0, 1, out var arcs));
        Assert.Equal([RelationshipKind.Referral, RelationshipKind.Mention], arcs.Select(a => a.Kind));
        Assert.False(view.ContainsVertex(2));
        Assert.False(view.ContainsEdge(1, 0));
        Assert.Throws<QuikGraph.VertexNotFoundException>(() => view.OutEdges(2));
    }
}
