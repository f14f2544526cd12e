namespace Pulse.Analytics.Clv;

/// <summary>A customer's discounted lifetime value and an approximate 95 % interval for it (delta method over the fitted parameters).</summary>
public readonly record struct LifetimeValueEstimate(double Value, double Lower, double Upper);
