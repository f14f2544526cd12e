namespace Pulse.Contracts.Models;

/// <summary>Registry keys.</summary>
public static class ModelNames
{
    public const string Clv = "clv";
}
