using Pulse.Analytics.Triggers;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Triggers.Registry;

/// <summary>
/// The rules one silo evaluates, as of one registry version: compiled once and shared by every customer of the
/// silo, with the silo's share of the rules' rates and each rule's webhooks. Immutable; replaced whole.
/// </summary>
/// <param name="Version">The registry version these rules come from.</param>
/// <param name="Rules">Every rule, enabled or not (a disabled one is kept so its customers' states carry over, and is skipped by evaluation).</param>
/// <param name="RateLimiter">This silo's share of each rule's <c>rateLimit</c>, for the current number of active silos.</param>
/// <param name="Webhooks">Where each rule's firings go, aligned with <see cref="CompiledRuleSet.Rules"/>.</param>
public sealed record TriggerRuleSnapshot(
    long Version,
    CompiledRuleSet Rules,
    TriggerRateLimiter RateLimiter,
    IReadOnlyList<IReadOnlyList<WebhookTarget>> Webhooks);
