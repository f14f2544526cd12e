namespace Pulse.Analytics.Churn;

/// <summary>A churn risk and the strongest reasons behind it, strongest first.</summary>
public sealed record ChurnAssessment(double Probability, IReadOnlyList<ChurnReason> Reasons);
