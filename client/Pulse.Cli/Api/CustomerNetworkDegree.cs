namespace Pulse.Cli.Api;

/// <summary>Only the degree of a profile's network: what the graph latency probe polls for, without reading the rest.</summary>
internal sealed record CustomerNetworkDegree(CustomerNetworkDegree.NetworkDegree? Network)
{
    internal sealed record NetworkDegree(int Degree);
}
