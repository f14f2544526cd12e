using QuikGraph;

namespace Pulse.Analytics.Graph;

/// <summary>
/// The relationship graph through QuikGraph's interfaces (vertices = customer slots, edges =
/// <see cref="RelationshipArc"/> values made on the fly), so QuikGraph's searches and components run on
/// it with no copy. A view of the graph as it is: do not change the graph while an algorithm walks it.
/// </summary>
public sealed class QuikGraphView : IVertexListGraph<int, RelationshipArc>
{
    private readonly RelationshipGraph _graph;

    public QuikGraphView(RelationshipGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
    }

    /// <summary>True; an undirected graph shows each edge as its two arcs.</summary>
    public bool IsDirected => true;

    public bool AllowParallelEdges => true;

    public bool IsVerticesEmpty => _graph.CustomerCount == 0;

    public int VertexCount => _graph.CustomerCount;

    public IEnumerable<int> Vertices
    {
        get
        {
            for (var v = 0; v < _graph.Slots; v++)
            {
                if (_graph.IsActive(v))
                {
                    yield return v;
                }
            }
        }
    }

    public bool ContainsVertex(int vertex) => _graph.IsActive(vertex);

    public bool IsOutEdgesEmpty(int vertex) => OutDegree(vertex) == 0;

    public int OutDegree(int vertex)
    {
        Check(vertex);
        return _graph.OutDegree(vertex);
    }

    public IEnumerable<RelationshipArc> OutEdges(int vertex)
    {
        Check(vertex);
        return Arcs(vertex);
    }

    public bool TryGetOutEdges(int vertex, out IEnumerable<RelationshipArc> edges)
    {
        edges = _graph.IsActive(vertex) ? Arcs(vertex) : [];
        return _graph.IsActive(vertex);
    }

    public RelationshipArc OutEdge(int vertex, int index)
    {
        Check(vertex);
        var arc = _graph.OutArcs(vertex)[index];
        return new RelationshipArc(vertex, arc.Target, arc.Kind, arc.Weight);
    }

    public bool ContainsEdge(int source, int target) => TryGetEdge(source, target, out _);

    public bool TryGetEdge(int source, int target, out RelationshipArc edge)
    {
        if (_graph.IsActive(source))
        {
            foreach (ref readonly var arc in _graph.OutArcs(source))
            {
                if (arc.Target == target)
                {
                    edge = new RelationshipArc(source, target, arc.Kind, arc.Weight);
                    return true;
                }
            }
        }

        edge = default;
        return false;
    }

    public bool TryGetEdges(int source, int target, out IEnumerable<RelationshipArc> edges)
    {
        edges = _graph.IsActive(source) ? Arcs(source).Where(a => a.Target == target).ToArray() : [];
        return _graph.IsActive(source);
    }

    /// <summary>Lazily, so that a search that stops early reads no further; the arcs are read as they are at each step.</summary>
    private IEnumerable<RelationshipArc> Arcs(int vertex)
    {
        for (var i = 0; i < _graph.OutDegree(vertex); i++)
        {
            var arc = _graph.OutArcs(vertex)[i];
            yield return new RelationshipArc(vertex, arc.Target, arc.Kind, arc.Weight);
        }
    }

    private void Check(int vertex)
    {
        if (!_graph.IsActive(vertex))
        {
            throw new VertexNotFoundException($"No customer holds slot {vertex}.");
        }
    }
}
