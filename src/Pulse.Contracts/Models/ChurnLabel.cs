namespace Pulse.Contracts.Models;

/// <summary>What counts as churn for a training.</summary>
public enum ChurnLabel
{
    /// <summary>No purchase in the horizon after the cut-off (customers who had bought before it).</summary>
    NoPurchase = 0,

    /// <summary>No interaction at all in the horizon after the cut-off.</summary>
    NoInteraction = 1,

    /// <summary>A customer attribute says so (a CRM's churn flag).</summary>
    Attribute = 2,
}
