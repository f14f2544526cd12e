namespace Pulse.Grains.Models;

/// <summary>Scheduled churn retraining (<c>Pulse:Models:Churn</c>).</summary>
public sealed class ChurnOptions
{
    /// <summary>Retrain on a reminder this often (null: only on demand). The label and windows below apply.</summary>
    public TimeSpan? RetrainInterval { get; set; }

    /// <summary>Days without a purchase that count as churn.</summary>
    public double HorizonDays { get; set; } = 30;

    /// <summary>Cut-offs; the last is held out.</summary>
    public int CutOffs { get; set; } = 4;

    /// <summary>Churn as no interaction at all rather than no purchase.</summary>
    public bool NoInteraction { get; set; }
}
