namespace Pulse.Contracts;

/// <summary>Names of Pulse's stream provider and stream namespaces.</summary>
public static class PulseStreams
{
    /// <summary>The stream provider every silo and client registers.</summary>
    public const string ProviderName = "pulse";

    /// <summary><c>interactions/{customerId}</c>: accepted interactions of one customer.</summary>
    public const string Interactions = "interactions";
}
