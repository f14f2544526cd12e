namespace Pulse.Contracts.Triggers;

/// <summary>
/// The cluster's trigger rules (one grain, key 0). Silos ask it for the version only, and fetch the set when it
/// moved; customers never call it.
/// </summary>
[Alias("pulse.ITriggerRegistryGrain")]
public interface ITriggerRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The registry's version: it moves with every change to any rule (0 when none was ever saved).</summary>
    [Alias("GetVersionAsync")]
    Task<long> GetVersionAsync();

    [Alias("GetRuleSetAsync")]
    Task<TriggerRuleSet> GetRuleSetAsync();

    [Alias("GetAsync")]
    Task<TriggerRuleEntry?> GetAsync(string ruleId);

    /// <summary>
    /// Validates <paramref name="json"/> (strict, every problem with its path) and stores it as rule
    /// <paramref name="ruleId"/>, creating or replacing it. The id in the JSON, when present, must match.
    /// </summary>
    [Alias("SaveAsync")]
    Task<TriggerRuleSaveResult> SaveAsync(string ruleId, string json);

    /// <summary>Removes a rule; false when there was none.</summary>
    [Alias("DeleteAsync")]
    Task<bool> DeleteAsync(string ruleId);
}
