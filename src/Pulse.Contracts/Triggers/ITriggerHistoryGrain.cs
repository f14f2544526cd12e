namespace Pulse.Contracts.Triggers;

/// <summary>
/// Reads the trigger outbox for the API: a rule's or a customer's firings and the dead-letter list, and puts
/// a dead letter back for another try. Stateless: any silo answers from the shared outbox.
/// </summary>
[Alias("pulse.ITriggerHistoryGrain")]
public interface ITriggerHistoryGrain : IGrainWithIntegerKey
{
    /// <summary>A rule's firings, newest first (fired before <paramref name="before"/> when given).</summary>
    [Alias("GetRuleFiringsAsync")]
    Task<IReadOnlyList<TriggerFiringView>> GetRuleFiringsAsync(string ruleId, int limit, DateTimeOffset? before);

    [Alias("GetCustomerFiringsAsync")]
    Task<IReadOnlyList<TriggerFiringView>> GetCustomerFiringsAsync(string customerId, int limit);

    [Alias("GetDeadLettersAsync")]
    Task<IReadOnlyList<TriggerFiringView>> GetDeadLettersAsync(int limit);

    /// <summary>Puts a dead-lettered delivery back, due now; false when there is no such dead letter.</summary>
    [Alias("ReplayAsync")]
    Task<bool> ReplayAsync(long deliveryId);
}
