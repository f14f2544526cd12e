namespace Pulse.Analytics.Churn;

/// <summary>Where a churn model input comes from.</summary>
public enum ChurnFeatureSource
{
    Behaviour = 0,
    NumericAttribute = 1,
    CategoryAttribute = 2,
}
