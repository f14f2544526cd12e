namespace Pulse.Grains;

/// <summary>Names of the grain storage providers Pulse's grains use; the silo registers them per profile.</summary>
public static class PulseStorage
{
    public const string Customers = "customers";

    /// <summary>The model registry's published versions.</summary>
    public const string Models = "models";
}
