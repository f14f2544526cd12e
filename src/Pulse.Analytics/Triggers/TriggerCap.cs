namespace Pulse.Analytics.Triggers;

/// <summary>
/// At most <see cref="Count"/> firings per customer in a window of <see cref="Period"/>. The window opens
/// at the first firing after the previous window closed (a fixed window anchored at a firing, so the state
/// is two numbers, not a list of times): within any one window the cap is exact; across the boundary of
/// two windows up to twice the count can fall inside one period.
/// </summary>
public sealed record TriggerCap(int Count, TimeSpan Period);
