namespace Pulse.Analytics.Clv;

/// <summary>A model a holdout report could not score: its fit on the calibration period did not converge, or its predictions were not finite.</summary>
public sealed record HoldoutModelFailure(string Model, string Reason);
