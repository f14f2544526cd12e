using System.Globalization;
using System.Text.RegularExpressions;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// Checks a rule's meaning (what JSON's shape cannot say): known facts, thresholds on the right side,
/// sizes, URLs. Every error names the JSON path of its field, so a rule built in code and one read from
/// JSON are reported alike; all errors are collected, not just the first.
/// </summary>
public static partial class TriggerRuleValidator
{
    /// <summary>Deepest nesting of conditions (the <c>when</c> condition is depth 1).</summary>
    public const int MaxDepth = 16;

    /// <summary>Most conditions in one rule, counting <c>all</c>, <c>any</c> and <c>not</c>.</summary>
    public const int MaxConditions = 200;

    public const int MaxWebhooks = 10;

    /// <summary>Most values in one list (<c>in</c>, <c>ids</c>).</summary>
    public const int MaxListValues = 100;

    public static IReadOnlyList<TriggerRuleError> Validate(TriggerRule rule, FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<TriggerRuleError>();
        Validate(rule, schema, errors);
        return errors;
    }

    internal static void Validate(TriggerRule rule, FactSchema schema, List<TriggerRuleError> errors)
    {
        if (!IsIdentifier(rule.Id))
        {
            errors.Add(new("id", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }

        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            errors.Add(new("name", "must not be empty"));
        }
        else if (rule.Name.Length > 200)
        {
            errors.Add(new("name", "must be at most 200 characters"));
        }

        if (rule.Description is { Length: > 2000 })
        {
            errors.Add(new("description", "must be at most 2000 characters"));
        }

        if (rule.Version < 0)
        {
            errors.Add(new("version", "must not be negative"));
        }

        if (!Enum.IsDefined(rule.Category))
        {
            errors.Add(new("category", "must be 'marketing' or 'service'"));
        }

        if (rule.When is null)
        {
            errors.Add(new("when", "is required"));
        }
        else
        {
            var count = 0;
            Condition(rule.When, "when", 1, false, schema, errors, ref count);
            if (count > MaxConditions)
            {
                errors.Add(new("when", $"has {count} conditions; at most {MaxConditions} are allowed"));
            }
        }

        CheckDuration(rule.Cooldown, "cooldown", errors);
        if (rule.Cap is { } cap)
        {
            if (cap.Count < 1)
            {
                errors.Add(new("cap.count", "must be at least 1"));
            }

            CheckDuration(cap.Period, "cap.period", errors);
        }

        if (rule.RateLimit is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            errors.Add(new("rateLimit", "must be a positive number of firings per second"));
        }

        if (rule.Group is not null && !IsIdentifier(rule.Group))
        {
            errors.Add(new("group", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }

        Webhooks(rule.Webhooks, errors);
    }

    internal static bool IsIdentifier(string? text) => text is not null && Identifier().IsMatch(text);

    internal static bool IsEventKind(string? text) => text is { Length: <= 64 } && EventKind().IsMatch(text);

    internal static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Condition(TriggerCondition? condition, string path, int depth, bool underNot, FactSchema schema, List<TriggerRuleError> errors, ref int count)
    {
        if (condition is null)
        {
            errors.Add(new(path, "must be a condition, not null"));
            return;
        }

        count++;
        if (depth > MaxDepth)
        {
            errors.Add(new(path, $"nests deeper than {MaxDepth} conditions"));
            return;
        }

        switch (condition)
        {
            case InvalidCondition:
                break;
            case AllCondition all:
                Children(all.Conditions, path + ".all", depth, underNot, schema, errors, ref count);
                break;
            case AnyCondition any:
                Children(any.Conditions, path + ".any", depth, underNot, schema, errors, ref count);
                break;
            case NotCondition not:
                Condition(not.Condition, path + ".not", depth + 1, true, schema, errors, ref count);
                break;
            case FactCondition fact:
                Fact(fact.Fact, path, schema, errors);
                var name = TriggerRuleJson.NameOf(fact.Comparison);
                if (!double.IsFinite(fact.Threshold))
                {
                    errors.Add(new($"{path}.{name}", "must be a finite number"));
                }

                if (fact.Rearm is { } rearm)
                {
                    var rearmName = TriggerRuleJson.RearmNameOf(fact.Comparison);
                    var upward = fact.Comparison is FactComparison.Above or FactComparison.AtLeast;
                    if (!double.IsFinite(rearm))
                    {
                        errors.Add(new($"{path}.{rearmName}", "must be a finite number"));
                    }
                    else if (underNot)
                    {
                        // Under a negation the band would narrow instead of widen; the opposite comparison says it directly.
                        errors.Add(new($"{path}.{rearmName}", $"has no effect under 'not'; write '{(upward ? "atMost" : "atLeast")}' with '{(upward ? "rearmAbove" : "rearmBelow")}' instead of 'not'"));
                    }
                    else if (double.IsFinite(fact.Threshold) && (upward ? rearm >= fact.Threshold : rearm <= fact.Threshold))
                    {
                        errors.Add(new($"{path}.{rearmName}", $"must be {(upward ? "below" : "above")} '{name}' ({Number(fact.Threshold)})"));
                    }
                }

                break;
            case FactBetweenCondition between:
                Fact(between.Fact, path, schema, errors);
                if (!double.IsFinite(between.Low) || !double.IsFinite(between.High))
                {
                    errors.Add(new($"{path}.between", "must be two finite numbers"));
                }
                else if (between.Low > between.High)
                {
                    errors.Add(new($"{path}.between", $"must be [low, high]: {Number(between.Low)} is above {Number(between.High)}"));
                }

                break;
            case EventCondition e:
                if (!IsEventKind(e.Kind))
                {
                    errors.Add(new($"{path}.event", "must be an interaction kind's wire name, like 'complaint' or 'page-view'"));
                }

                break;
            case AttributeCondition attribute:
                Attribute(attribute, path, errors);
                break;
            case SegmentCondition segment:
                if (!Enum.IsDefined(segment.Membership))
                {
                    errors.Add(new($"{path}.segment", "must be 'in' or 'notIn'"));
                }

                Ids(segment.Ids, $"{path}.ids", errors);
                break;
            case SegmentMoveCondition move:
                if (move.From is < 0)
                {
                    errors.Add(new($"{path}.segmentMove.from", "must not be negative"));
                }

                if (move.To is < 0)
                {
                    errors.Add(new($"{path}.segmentMove.to", "must not be negative"));
                }

                if (move.From is { } from && from == move.To)
                {
                    errors.Add(new($"{path}.segmentMove", "'from' and 'to' are the same segment; a move needs two"));
                }

                break;
            case InactivityCondition inactivity:
                CheckDuration(inactivity.Duration, $"{path}.inactiveFor", errors);
                break;
            default:
                errors.Add(new(path, $"is not a known condition ({condition.GetType().Name})"));
                break;
        }
    }

    private static void Children(IReadOnlyList<TriggerCondition>? children, string path, int depth, bool underNot, FactSchema schema, List<TriggerRuleError> errors, ref int count)
    {
        if (children is null || children.Count == 0)
        {
            errors.Add(new(path, "must hold at least one condition"));
            return;
        }

        for (var i = 0; i < children.Count; i++)
        {
            Condition(children[i], $"{path}[{i}]", depth + 1, underNot, schema, errors, ref count);
        }
    }

    private static void Fact(string? fact, string path, FactSchema schema, List<TriggerRuleError> errors)
    {
        if (string.IsNullOrEmpty(fact))
        {
            errors.Add(new($"{path}.fact", "must name a fact"));
        }
        else if (!schema.Contains(fact))
        {
            var closest = schema.Closest(fact);
            errors.Add(new($"{path}.fact", closest.Count == 0
                ? $"unknown fact '{fact}'; no facts are registered"
                : $"unknown fact '{fact}'; closest known: {string.Join(", ", closest)}"));
        }
    }

    private static void Attribute(AttributeCondition attribute, string path, List<TriggerRuleError> errors)
    {
        if (string.IsNullOrEmpty(attribute.Attribute) || attribute.Attribute.Length > 100)
        {
            errors.Add(new($"{path}.attribute", "must name an attribute (1 to 100 characters)"));
        }

        if (attribute.Value is not null && attribute.OneOf is not null)
        {
            errors.Add(new(path, "has both 'equals' and 'in'; use one"));
        }
        else if (attribute.Value is null && attribute.OneOf is null)
        {
            errors.Add(new(path, "needs 'equals' or 'in'"));
        }
        else if (attribute.OneOf is { } values)
        {
            if (values.Count == 0)
            {
                errors.Add(new($"{path}.in", "must hold at least one value"));
            }
            else if (values.Count > MaxListValues)
            {
                errors.Add(new($"{path}.in", $"must hold at most {MaxListValues} values"));
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is null)
                {
                    errors.Add(new($"{path}.in[{i}]", "must be a string, not null"));
                }
            }
        }
    }

    private static void Ids(IReadOnlyList<int>? ids, string path, List<TriggerRuleError> errors)
    {
        if (ids is null || ids.Count == 0)
        {
            errors.Add(new(path, "must hold at least one segment id"));
            return;
        }

        if (ids.Count > MaxListValues)
        {
            errors.Add(new(path, $"must hold at most {MaxListValues} segment ids"));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] < 0)
            {
                errors.Add(new($"{path}[{i}]", "must not be negative"));
            }
        }
    }

    private static void CheckDuration(TimeSpan? duration, string path, List<TriggerRuleError> errors)
    {
        if (duration is { } d && (d <= TimeSpan.Zero || d > TriggerDuration.Longest))
        {
            errors.Add(new(path, d <= TimeSpan.Zero ? "must be positive" : "must be at most 3650d"));
        }
    }

    private static void Webhooks(IReadOnlyList<TriggerWebhook>? webhooks, List<TriggerRuleError> errors)
    {
        if (webhooks is null)
        {
            errors.Add(new("webhooks", "must be a list (empty for none)"));
            return;
        }

        if (webhooks.Count > MaxWebhooks)
        {
            errors.Add(new("webhooks", $"must hold at most {MaxWebhooks} webhooks"));
        }

        for (var i = 0; i < webhooks.Count; i++)
        {
            var path = $"webhooks[{i}]";
            if (webhooks[i] is not { } webhook)
            {
                errors.Add(new(path, "must be a webhook, not null"));
                continue;
            }

            if (webhook.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
            {
                errors.Add(new($"{path}.url", "must be an absolute http or https URL"));
            }
            else if (url.UserInfo.Length > 0)
            {
                errors.Add(new($"{path}.url", "must not carry credentials; name a stored secret in 'secretName'"));
            }

            if (webhook.SecretName is not null && !IsIdentifier(webhook.SecretName))
            {
                errors.Add(new($"{path}.secretName", "must be the name of a stored secret: 1 to 100 letters, digits, '.', '_' or '-'"));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EventKind();
}
