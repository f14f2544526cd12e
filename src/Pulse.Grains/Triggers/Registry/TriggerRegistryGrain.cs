using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pulse.Analytics.Triggers;
using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Registry;

/// <summary>
/// The cluster's trigger rules (key 0). Saving validates strictly (every problem with its JSON path), checks
/// that each webhook's signing secret is configured, and stores the rule in Pulse's own form with the
/// registry's next version. Each silo's <see cref="TriggerRuleCache"/> asks only for the version, a few times a
/// second, and fetches the set when it moved; customers never call this grain.
/// </summary>
/// <remarks>
/// Kept in the models storage provider: both profiles register it (memory, PostgreSQL), and a registry of a
/// few hundred rules is the same kind of small, rarely written state as the model registry.
/// </remarks>
public sealed partial class TriggerRegistryGrain(
    [PersistentState("trigger-registry", PulseStorage.Models)] IPersistentState<TriggerRegistryState> state,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TriggerRegistryGrain> logger) : Grain, ITriggerRegistryGrain
{
    /// <summary>Most rules the registry holds: every silo compiles them all, and every customer keeps a state per rule.</summary>
    public const int MaxRules = 500;

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<TriggerRuleSet> GetRuleSetAsync() => Task.FromResult(new TriggerRuleSet(state.State.Version, state.State.Rules));

    public Task<TriggerRuleEntry?> GetAsync(string ruleId) => Task.FromResult(Find(ruleId));

    public async Task<TriggerRuleSaveResult> SaveAsync(string ruleId, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ruleId is null || !RuleId().IsMatch(ruleId))
        {
            return Refused(new TriggerRuleProblem("id", $"'{Shown(ruleId)}' in the path is not a rule id: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }

        var parsed = TriggerRuleJson.Parse(WithId(json, ruleId), CustomerFactSchema.Schema);
        if (!parsed.IsValid)
        {
            return new TriggerRuleSaveResult(null, [.. parsed.Errors.Select(e => new TriggerRuleProblem(e.Path, e.Message))], false);
        }

        var rule = parsed.Rule!;
        var problems = new List<TriggerRuleProblem>();
        if (!string.Equals(rule.Id, ruleId, StringComparison.Ordinal))
        {
            problems.Add(new("id", $"'{rule.Id}' does not match the id in the path, '{ruleId}'; a rule is renamed by deleting it and saving it under the new id"));
        }

        CheckSecrets(rule, problems);
        var existing = Find(ruleId);
        if (existing is null && state.State.Rules.Count >= MaxRules)
        {
            problems.Add(new("$", $"the registry holds {MaxRules} rules, the most it takes; delete one first"));
        }

        if (problems.Count > 0)
        {
            return Refused([.. problems]);
        }

        var version = state.State.Version + 1;
        var entry = new TriggerRuleEntry(ruleId, version, TriggerRuleJson.Write(rule with { Version = version }), rule.Enabled, time.GetUtcNow());
        var rules = state.State.Rules.Where(r => r.Id != ruleId).Append(entry).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        await CommitAsync(version, rules);
        LogSaved(ruleId, version, existing is null ? "created" : "replaced", rule.Enabled);
        return new TriggerRuleSaveResult(entry, [], existing is null);
    }

    public async Task<bool> DeleteAsync(string ruleId)
    {
        if (Find(ruleId) is null)
        {
            return false;
        }

        var version = state.State.Version + 1;
        await CommitAsync(version, [.. state.State.Rules.Where(r => r.Id != ruleId)]);
        LogDeleted(ruleId, version);
        return true;
    }

    private TriggerRuleEntry? Find(string ruleId) => state.State.Rules.Find(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal));

    /// <summary>Stores the new set; if storage fails, the set held in memory stays the one last stored.</summary>
    private async Task CommitAsync(long version, List<TriggerRuleEntry> rules)
    {
        var (previousVersion, previousRules) = (state.State.Version, state.State.Rules);
        (state.State.Version, state.State.Rules) = (version, rules);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Version, state.State.Rules) = (previousVersion, previousRules);
            throw;
        }
    }

    /// <summary>
    /// A webhook's secret must be configured before a rule may use it: a firing that cannot be signed would be
    /// refused at delivery, long after the marketer saved the rule.
    /// </summary>
    private void CheckSecrets(TriggerRule rule, List<TriggerRuleProblem> problems)
    {
        for (var i = 0; i < rule.Webhooks.Count; i++)
        {
            var name = rule.Webhooks[i].SecretName;
            if (name is not null && !HasSecret(name))
            {
                problems.Add(new($"webhooks[{i}].secretName", $"no secret '{name}' is configured; set {TriggerOptions.SecretsSection}:{name} in the deployment"));
            }
            else if (name is null && !HasSecret(TriggerOptions.DefaultSecret))
            {
                problems.Add(new($"webhooks[{i}]", $"names no 'secretName', so it would be signed with the default secret, and none is configured; set {TriggerOptions.SecretsSection}:{TriggerOptions.DefaultSecret} or name a configured secret"));
            }
        }
    }

    private bool HasSecret(string name) => !string.IsNullOrEmpty(configuration[$"{TriggerOptions.SecretsSection}:{name}"]);

    /// <summary>
    /// The path names the rule, so a body without <c>id</c> takes the path's: the object is rewritten with
    /// <c>id</c> first and every other property as sent (repeats included, so the reader still refuses them).
    /// Anything else goes to the reader unchanged, to be judged there.
    /// </summary>
    private static string WithId(string json, string ruleId)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => p.NameEquals("id")))
            {
                return json;
            }

            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", ruleId);
                foreach (var property in root.EnumerateObject())
                {
                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or text no writer can repeat (a lone surrogate): the reader says what is wrong with it.
            return json;
        }
    }

    private static TriggerRuleSaveResult Refused(params TriggerRuleProblem[] problems) => new(null, problems, false);

    private static string Shown(string? text) => text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger rule {RuleId} {Change} (registry version {Version}, enabled {Enabled})")]
    private partial void LogSaved(string ruleId, long version, string change, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger rule {RuleId} deleted (registry version {Version})")]
    private partial void LogDeleted(string ruleId, long version);
}
