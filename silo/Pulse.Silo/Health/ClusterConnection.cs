namespace Pulse.Silo.Health;

/// <summary>
/// A front end's connection to its cluster, as the Orleans client reports it: how many silos' gateways it is
/// connected to. Read by <see cref="ClusterConnectionCheck"/>.
/// </summary>
internal sealed class ClusterConnection : IClusterConnectionStatusObserver
{
    private int _gateways;

    public int Gateways => Volatile.Read(ref _gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _gateways, 0);
}
