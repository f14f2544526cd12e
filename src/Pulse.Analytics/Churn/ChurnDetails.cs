namespace Pulse.Analytics.Churn;

/// <summary>What a churn artifact carries besides the ML.NET model: its input layout, its explainer and what its label means.</summary>
public sealed record ChurnDetails(ChurnFeatureSpace FeatureSpace, TreeExplainer Explainer, string Label, string Split);
