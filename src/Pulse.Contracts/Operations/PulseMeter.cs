namespace Pulse.Contracts.Operations;

/// <summary>
/// The <see cref="System.Diagnostics.Metrics.Meter"/> every Pulse process reports its figures on: the web
/// layer what it accepts, the silos what they apply, deliver, fire and load. docs/operations.md lists them.
/// </summary>
public static class PulseMeter
{
    public const string Name = "Pulse";
}
