namespace Pulse.Analytics.Graph;

/// <summary>Told of every change to a <see cref="RelationshipGraph"/>, as it happens, so that scores can follow it locally.</summary>
internal interface IArcObserver
{
    /// <summary>A customer took a slot (a new one, or one freed by an erasure).</summary>
    void CustomerAdded(int customer);

    /// <summary>A customer left; every arc to or from it has been removed (and reported) already.</summary>
    void CustomerRemoved(int customer);

    /// <summary>
    /// The arc from → to changed weight from <paramref name="before"/> to <paramref name="after"/> (0 = absent),
    /// and with it the out-weight of <paramref name="from"/> went from <paramref name="outBefore"/> to <paramref name="outAfter"/>.
    /// </summary>
    void ArcChanged(int from, int to, double before, double after, double outBefore, double outAfter);
}
