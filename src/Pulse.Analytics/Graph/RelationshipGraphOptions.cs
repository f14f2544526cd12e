namespace Pulse.Analytics.Graph;

/// <summary>How a <see cref="RelationshipGraph"/> weighs and directs its edges.</summary>
public sealed record RelationshipGraphOptions
{
    /// <summary>
    /// Event time after which an edge's weight has halved when nothing strengthens it. Every edge
    /// decays at the same rate, so decay alone never changes a customer's shares among its
    /// relationships: only events do (see <see cref="RelationshipGraph"/>).
    /// </summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// True: an edge goes from one customer to the other (a referral flows from the referrer). False:
    /// every edge is mutual, as in NetworkX's <c>Graph</c>, and is held as two arcs of one weight.
    /// </summary>
    public bool Directed { get; init; } = true;

    /// <summary>In a directed graph, the kinds that are mutual all the same (a household has no direction).</summary>
    public IReadOnlySet<RelationshipKind> MutualKinds { get; init; } = new HashSet<RelationshipKind> { RelationshipKind.Household };

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (HalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLife), HalfLife, "The half-life must be positive.");
        }

        ArgumentNullException.ThrowIfNull(MutualKinds);
    }
}
