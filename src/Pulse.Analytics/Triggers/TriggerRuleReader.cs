using System.Text.Json;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// Reads one rule from a JSON element, collecting every error with its path. What cannot be read is
/// reported here and left out (a broken condition becomes a placeholder so the paths of its siblings hold);
/// the rule built from the rest then goes through <see cref="TriggerRuleValidator"/>, and of its errors
/// those at or above a path already reported are dropped (they would repeat the cause).
/// </summary>
internal sealed class TriggerRuleReader(FactSchema schema)
{
    private static readonly string[] RuleProperties =
        ["id", "name", "description", "enabled", "version", "priority", "category", "when", "cooldown", "cap", "rateLimit", "group", "webhooks"];

    private static readonly string[] ConditionKinds = ["all", "any", "not", "fact", "event", "attribute", "segment", "segmentMove", "inactiveFor"];
    private static readonly string[] Comparisons = ["above", "atLeast", "below", "atMost", "between"];
    private static readonly string[] FactProperties = ["fact", "above", "atLeast", "below", "atMost", "between", "rearmBelow", "rearmAbove"];
    private static readonly string[] AttributeProperties = ["attribute", "equals", "in"];
    private static readonly string[] SegmentProperties = ["segment", "ids"];
    private static readonly string[] MoveProperties = ["from", "to"];
    private static readonly string[] CapProperties = ["count", "period"];
    private static readonly string[] WebhookProperties = ["url", "secretName"];

    private readonly List<TriggerRuleError> _errors = [];
    private int _conditions;

    public TriggerRuleParseResult Read(JsonElement root)
    {
        var rule = Rule(root);
        if (rule is not null)
        {
            var reported = _errors.Select(e => e.Path).ToArray();
            var meaning = new List<TriggerRuleError>();
            TriggerRuleValidator.Validate(rule, schema, meaning);
            _errors.AddRange(meaning.Where(e => !reported.Any(path => IsAtOrAbove(e.Path, path))));
        }

        return _errors.Count == 0 ? new(rule, []) : new(null, _errors);
    }

    private static bool IsAtOrAbove(string candidate, string path) =>
        path.StartsWith(candidate, StringComparison.Ordinal)
        && (path.Length == candidate.Length || path[candidate.Length] is '.' or '[');

    private TriggerRule? Rule(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", $"must be a JSON object (a rule), not {KindOf(root.ValueKind)}");
            return null;
        }

        var p = Properties(root, "", RuleProperties);
        var category = String(p, "category", "", required: true) switch
        {
            null => TriggerCategory.Marketing,
            "marketing" => TriggerCategory.Marketing,
            "service" => TriggerCategory.Service,
            _ => Error("category", "must be 'marketing' or 'service'", TriggerCategory.Marketing),
        };

        TriggerCondition when = InvalidCondition.Instance;
        if (p.TryGetValue("when", out var w))
        {
            when = Condition(w, "when", 1);
        }
        else
        {
            Error("when", "is required");
        }

        return new TriggerRule
        {
            Id = String(p, "id", "", required: true) ?? "",
            Name = String(p, "name", "", required: true) ?? "",
            Description = String(p, "description", ""),
            Enabled = Bool(p, "enabled", "") ?? true,
            Version = Integer(p, "version", "", 0, long.MaxValue) ?? 0,
            Priority = (int)(Integer(p, "priority", "", int.MinValue, int.MaxValue) ?? 0),
            Category = category,
            When = when,
            Cooldown = Duration(p, "cooldown", ""),
            Cap = Cap(p),
            RateLimit = Number(p, "rateLimit", ""),
            Group = String(p, "group", ""),
            Webhooks = Webhooks(p),
        };
    }

    private TriggerCondition Condition(JsonElement e, string path, int depth)
    {
        _conditions++;
        if (depth > TriggerRuleValidator.MaxDepth)
        {
            return Error(path, $"nests deeper than {TriggerRuleValidator.MaxDepth} conditions", InvalidCondition.Instance);
        }

        if (_conditions > TriggerRuleValidator.MaxConditions)
        {
            if (_conditions == TriggerRuleValidator.MaxConditions + 1)
            {
                Error("when", $"has more than {TriggerRuleValidator.MaxConditions} conditions");
            }

            return InvalidCondition.Instance;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return Error(path, $"must be a condition object, not {KindOf(e.ValueKind)}", InvalidCondition.Instance);
        }

        var kinds = ConditionKinds.Where(k => e.TryGetProperty(k, out _)).ToArray();
        if (kinds.Length != 1)
        {
            return Error(path, kinds.Length == 0
                ? $"must be a condition: an object with one of {Quoted(ConditionKinds)}"
                : $"has both '{kinds[0]}' and '{kinds[1]}'; a condition is exactly one of {Quoted(ConditionKinds)}",
                InvalidCondition.Instance);
        }

        switch (kinds[0])
        {
            case "all":
            case "any":
                {
                    var name = kinds[0];
                    var p = Properties(e, path, [name]);
                    var list = p[name];
                    if (list.ValueKind != JsonValueKind.Array)
                    {
                        return Error($"{path}.{name}", $"must be an array of conditions, not {KindOf(list.ValueKind)}", InvalidCondition.Instance);
                    }

                    var children = new List<TriggerCondition>();
                    var i = 0;
                    foreach (var child in list.EnumerateArray())
                    {
                        children.Add(Condition(child, $"{path}.{name}[{i++}]", depth + 1));
                    }

                    return name == "all" ? new AllCondition(children) : new AnyCondition(children);
                }

            case "not":
                {
                    var p = Properties(e, path, ["not"]);
                    return new NotCondition(Condition(p["not"], $"{path}.not", depth + 1));
                }

            case "fact":
                return Fact(e, path);
            case "event":
                {
                    var p = Properties(e, path, ["event"]);
                    return String(p, "event", path) is { } kind ? new EventCondition(kind) : InvalidCondition.Instance;
                }

            case "attribute":
                {
                    var p = Properties(e, path, AttributeProperties);
                    var name = String(p, "attribute", path);
                    var value = String(p, "equals", path);
                    var values = p.ContainsKey("in") ? Strings(p["in"], $"{path}.in") : null;
                    return name is null || (p.ContainsKey("equals") && value is null) || (p.ContainsKey("in") && values is null)
                        ? InvalidCondition.Instance
                        : new AttributeCondition(name, value, values);
                }

            case "segment":
                {
                    var p = Properties(e, path, SegmentProperties);
                    var membership = String(p, "segment", path) switch
                    {
                        null => (SegmentMembership?)null,
                        "in" => SegmentMembership.In,
                        "notIn" => SegmentMembership.NotIn,
                        _ => Error($"{path}.segment", "must be 'in' or 'notIn'", (SegmentMembership?)null),
                    };
                    int[]? ids = null;
                    if (!p.TryGetValue("ids", out var list))
                    {
                        Error($"{path}.ids", "is required");
                    }
                    else
                    {
                        ids = Ids(list, $"{path}.ids");
                    }

                    return membership is { } m && ids is not null ? new SegmentCondition(m, ids) : InvalidCondition.Instance;
                }

            case "segmentMove":
                {
                    var p = Properties(e, path, ["segmentMove"]);
                    var move = p["segmentMove"];
                    var movePath = $"{path}.segmentMove";
                    if (move.ValueKind != JsonValueKind.Object)
                    {
                        return Error(movePath, $"must be an object with 'from' and/or 'to', not {KindOf(move.ValueKind)}", InvalidCondition.Instance);
                    }

                    var count = _errors.Count;
                    var m = Properties(move, movePath, MoveProperties);
                    var from = Integer(m, "from", movePath, int.MinValue, int.MaxValue);
                    var to = Integer(m, "to", movePath, int.MinValue, int.MaxValue);
                    return _errors.Count == count ? new SegmentMoveCondition((int?)from, (int?)to) : InvalidCondition.Instance;
                }

            default:
                {
                    var p = Properties(e, path, ["inactiveFor"]);
                    return Duration(p, "inactiveFor", path) is { } duration ? new InactivityCondition(duration) : InvalidCondition.Instance;
                }
        }
    }

    private TriggerCondition Fact(JsonElement e, string path)
    {
        var p = Properties(e, path, FactProperties);
        var fact = String(p, "fact", path);
        var comparisons = Comparisons.Where(p.ContainsKey).ToArray();
        if (comparisons.Length != 1)
        {
            return Error(path, comparisons.Length == 0
                ? $"needs one of {Quoted(Comparisons)}"
                : $"has both '{comparisons[0]}' and '{comparisons[1]}'; use one comparison (or 'between')",
                InvalidCondition.Instance);
        }

        var comparison = comparisons[0];
        var upward = comparison is "above" or "atLeast";
        foreach (var (rearmName, goesUp) in new[] { ("rearmBelow", true), ("rearmAbove", false) })
        {
            if (p.ContainsKey(rearmName) && (comparison == "between" || goesUp != upward))
            {
                Error($"{path}.{rearmName}", goesUp ? "goes with 'above' or 'atLeast'" : "goes with 'below' or 'atMost'");
            }
        }

        if (comparison == "between")
        {
            var range = p["between"];
            if (range.ValueKind != JsonValueKind.Array || range.GetArrayLength() != 2
                || !range.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetDouble(out var v) && double.IsFinite(v)))
            {
                return Error($"{path}.between", "must be [low, high]: two finite numbers", InvalidCondition.Instance);
            }

            return fact is null ? InvalidCondition.Instance : new FactBetweenCondition(fact, range[0].GetDouble(), range[1].GetDouble());
        }

        var threshold = Number(p, comparison, path);
        var rearm = Number(p, upward ? "rearmBelow" : "rearmAbove", path);
        var kind = comparison switch
        {
            "above" => FactComparison.Above,
            "atLeast" => FactComparison.AtLeast,
            "below" => FactComparison.Below,
            _ => FactComparison.AtMost,
        };
        var rearmBroken = p.ContainsKey(upward ? "rearmBelow" : "rearmAbove") && rearm is null;
        return fact is null || threshold is null || rearmBroken ? InvalidCondition.Instance : new FactCondition(fact, kind, threshold.Value, rearm);
    }

    private TriggerCap? Cap(Dictionary<string, JsonElement> p)
    {
        if (!p.TryGetValue("cap", out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return Error("cap", $"must be an object with 'count' and 'period', not {KindOf(e.ValueKind)}", (TriggerCap?)null);
        }

        var c = Properties(e, "cap", CapProperties);
        var count = Integer(c, "count", "cap", int.MinValue, int.MaxValue, required: true);
        var period = Duration(c, "period", "cap", required: true);
        return count is { } n && period is { } d ? new TriggerCap((int)n, d) : null;
    }

    private List<TriggerWebhook> Webhooks(Dictionary<string, JsonElement> p)
    {
        var webhooks = new List<TriggerWebhook>();
        if (!p.TryGetValue("webhooks", out var e))
        {
            return webhooks;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            return Error("webhooks", $"must be an array of webhooks, not {KindOf(e.ValueKind)}", webhooks);
        }

        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var path = $"webhooks[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"must be an object with 'url', not {KindOf(item.ValueKind)}");
                webhooks.Add(null!);
                continue;
            }

            var w = Properties(item, path, WebhookProperties);
            var text = String(w, "url", path, required: true);
            var secret = String(w, "secretName", path);
            if (text is not null && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                Error($"{path}.url", "must be an absolute http or https URL");
                text = null;
            }

            // A broken entry stays as a null so the paths of the ones after it hold; the validator's complaint about it is dropped.
            webhooks.Add(text is null || (w.ContainsKey("secretName") && secret is null) ? null! : new TriggerWebhook(new Uri(text, UriKind.Absolute), secret));
        }

        return webhooks;
    }

    private Dictionary<string, JsonElement> Properties(JsonElement e, string path, string[] allowed)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            var at = Join(path, property.Name);
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(at, allowed.Length == 1 ? "unknown property" : $"unknown property; expected {Quoted(allowed)}");
            }
            else if (!properties.TryAdd(property.Name, property.Value))
            {
                Error(at, "appears twice");
            }
        }

        return properties;
    }

    private string? String(Dictionary<string, JsonElement> p, string name, string path, bool required = false)
    {
        if (!Present(p, name, path, required, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : Error(Join(path, name), $"must be a string, not {KindOf(e.ValueKind)}", (string?)null);
    }

    private bool? Bool(Dictionary<string, JsonElement> p, string name, string path)
    {
        if (!Present(p, name, path, false, out var e))
        {
            return null;
        }

        return e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : Error(Join(path, name), $"must be true or false, not {KindOf(e.ValueKind)}", (bool?)null);
    }

    private long? Integer(Dictionary<string, JsonElement> p, string name, string path, long min, long max, bool required = false)
    {
        if (!Present(p, name, path, required, out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var value))
        {
            return Error(Join(path, name), e.ValueKind == JsonValueKind.Number ? "must be a whole number" : $"must be a whole number, not {KindOf(e.ValueKind)}", (long?)null);
        }

        return value < min || value > max ? Error(Join(path, name), $"must be between {min} and {max}", (long?)null) : value;
    }

    private double? Number(Dictionary<string, JsonElement> p, string name, string path)
    {
        if (!Present(p, name, path, false, out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number)
        {
            return Error(Join(path, name), $"must be a number, not {KindOf(e.ValueKind)}", (double?)null);
        }

        return e.TryGetDouble(out var value) && double.IsFinite(value) ? value : Error(Join(path, name), "must be a finite number", (double?)null);
    }

    private TimeSpan? Duration(Dictionary<string, JsonElement> p, string name, string path, bool required = false)
    {
        var text = String(p, name, path, required);
        if (text is null)
        {
            return null;
        }

        return TriggerDuration.TryParse(text, out var duration, out var error) ? duration : Error(Join(path, name), error!, (TimeSpan?)null);
    }

    private List<string>? Strings(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return Error(path, $"must be an array of strings, not {KindOf(e.ValueKind)}", (List<string>?)null);
        }

        var values = new List<string>();
        var ok = true;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else
            {
                ok = Error($"{path}[{i}]", $"must be a string, not {KindOf(item.ValueKind)}", false);
            }

            i++;
        }

        return ok ? values : null;
    }

    private int[]? Ids(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return Error(path, $"must be an array of segment ids, not {KindOf(e.ValueKind)}", (int[]?)null);
        }

        var ids = new List<int>();
        var ok = true;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var id))
            {
                ids.Add(id);
            }
            else
            {
                ok = Error($"{path}[{i}]", "must be a whole number (a segment id)", false);
            }

            i++;
        }

        return ok ? [.. ids] : null;
    }

    private bool Present(Dictionary<string, JsonElement> p, string name, string path, bool required, out JsonElement e)
    {
        if (p.TryGetValue(name, out e))
        {
            return true;
        }

        if (required)
        {
            Error(Join(path, name), "is required");
        }

        return false;
    }

    private void Error(string path, string message) => _errors.Add(new(path, message));

    private T Error<T>(string path, string message, T result)
    {
        Error(path, message);
        return result;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string KindOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
