using Pulse.Analytics.Clv;

namespace Pulse.Benchmarks.Clv;

/// <summary>One CDNOW customer in weeks: the purchase-count triple and the mean value of the repeat purchase weeks (0 with none).</summary>
public readonly record struct CdnowCustomer(string Id, RfmPoint Point, double MeanSpend);
