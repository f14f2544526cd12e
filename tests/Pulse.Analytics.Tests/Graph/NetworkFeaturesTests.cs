using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

public sealed class NetworkFeaturesTests
{
    [Fact]
    public void NetworkValueWeighsTheValueOfThoseOneReachesByTheirInfluence()
    {
        // ann refers bob three times and cat once (shares 3/4 and 1/4), and mentions herself. Four customers.
        var graph = new RelationshipGraph();
        for (var i = 0; i < 3; i++)
        {
            graph.Strengthen("ann", "bob", RelationshipKind.Referral, GraphFiles.At);
        }

        graph.Strengthen("ann", "cat", RelationshipKind.Referral, GraphFiles.At);
        graph.Strengthen("ann", "ann", RelationshipKind.Mention, GraphFiles.At);
        graph.AddCustomer("dan");
        double[] influence = [0.1, 0.5, 0.25, 0.15];
        double[] value = [1_000, 200, 80, 10];

        // 3/4 · 200 · (4 · 0.5) + 1/4 · 80 · (4 · 0.25) = 300 + 20; ann's own value and influence do not count.
        Assert.Equal(320, NetworkFeatures.NetworkValue(graph, 0, influence, value), 12);
        Assert.Equal(0, NetworkFeatures.NetworkValue(graph, 1, influence, value));
        Assert.Equal(0, NetworkFeatures.NetworkValue(graph, 3, influence, value));
    }

    [Fact]
    public void ChurnContagionIsTheShareOfTheCircleAtRisk()
    {
        // ann: refers bob (weight 2), cat mentions her (weight 1), shares a household with dan (weight 1,
        // counted once though it is two arcs). bob and dan are at risk: (2 + 1) / (2 + 1 + 1).
        var graph = new RelationshipGraph();
        graph.Strengthen("ann", "bob", RelationshipKind.Referral, GraphFiles.At, amount: 2);
        graph.Strengthen("cat", "ann", RelationshipKind.Mention, GraphFiles.At);
        graph.Strengthen("ann", "dan", RelationshipKind.Household, GraphFiles.At);
        graph.Strengthen("ann", "ann", RelationshipKind.Mention, GraphFiles.At);
        double[] risk = [0.9, 0.6, 0.2, 0.5];

        Assert.Equal(0.75, NetworkFeatures.ChurnContagion(graph, 0, risk, threshold: 0.5), 12);
        Assert.Equal(0.5, NetworkFeatures.ChurnContagion(graph, 0, risk, threshold: 0.55), 12);
        Assert.Equal(1, NetworkFeatures.ChurnContagion(graph, 1, risk, threshold: 0.5));
        Assert.Equal(0, NetworkFeatures.ChurnContagion(graph, 2, risk, threshold: 0.95));
    }

    [Fact]
    public void ContagionCountsEveryWayInButEachSenderOnce()
    {
        // Two kinds from bob to ann are two ties (weights add); in an undirected graph the same holds.
        foreach (var directed in new[] { true, false })
        {
            var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = directed });
            graph.Strengthen("bob", "ann", RelationshipKind.Mention, GraphFiles.At);
            graph.Strengthen("bob", "ann", RelationshipKind.CallTransfer, GraphFiles.At);
            graph.Strengthen("cat", "ann", RelationshipKind.Mention, GraphFiles.At, amount: 2);
            double[] risk = [1, 0, 0];

            // Slots: bob 0, ann 1, cat 2.
            Assert.Equal(0.5, NetworkFeatures.ChurnContagion(graph, 1, risk), 12);
        }
    }

    [Fact]
    public void InputsMustCoverEverySlot()
    {
        var graph = GraphFiles.Karate();
        Assert.Throws<ArgumentException>(() => NetworkFeatures.ChurnContagion(graph, 0, new double[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkFeatures.NetworkValue(graph, 40, new double[34], new double[34]));
    }
}
