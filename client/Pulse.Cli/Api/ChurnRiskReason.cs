namespace Pulse.Cli.Api;

/// <summary>One reason behind a churn risk: a positive contribution raises the risk, a negative one lowers it.</summary>
internal sealed record ChurnRiskReason(string Feature, double Contribution, string Text);
