namespace Pulse.Analytics.Clv;

/// <summary>
/// One customer split at the calibration end: the calibration triple (x, tₓ, T in periods) the models
/// are fitted on, and the purchase days the customer actually had in the holdout (all of them repeat
/// purchases, since the first purchase lies in the calibration period).
/// </summary>
public readonly record struct HoldoutCustomer(string CustomerId, RfmPoint Calibration, int HoldoutPurchases);
