using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// Rules as JSON. Reading is strict and reports every problem with its path (unknown or repeated
/// properties, wrong types, non-finite numbers, nesting, sizes, unknown facts, thresholds on the wrong
/// side); writing gives back the same shape, with durations in their shortest form.
/// </summary>
public static class TriggerRuleJson
{
    // Deep enough for 16 levels of conditions (an 'all' costs two: the object and its array), shallow enough to refuse abuse early.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 2 * TriggerRuleValidator.MaxDepth + 8 };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TriggerRuleParseResult Parse(string json, FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(schema);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return new(null, [new("$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, schema);
            }
            catch (InvalidOperationException)
            {
                // JSON's \u escapes can name half a surrogate pair, which no .NET string can hold.
                return new(null, [new("$", "contains a \\u escape that is half a surrogate pair: not valid unicode text")]);
            }
        }
    }

    /// <summary>Reads a rule from an element (one item of a larger document, for example).</summary>
    public static TriggerRuleParseResult Parse(JsonElement element, FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new TriggerRuleReader(schema).Read(element);
    }

    public static string Write(TriggerRule rule, bool indented = false)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions with { Indented = indented }))
        {
            Write(writer, rule);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, TriggerRule rule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rule);
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        writer.WriteString("name", rule.Name);
        if (rule.Description is not null)
        {
            writer.WriteString("description", rule.Description);
        }

        writer.WriteBoolean("enabled", rule.Enabled);
        writer.WriteNumber("version", rule.Version);
        writer.WriteNumber("priority", rule.Priority);
        writer.WriteString("category", NameOf(rule.Category));
        writer.WritePropertyName("when");
        Write(writer, rule.When);
        if (rule.Cooldown is { } cooldown)
        {
            writer.WriteString("cooldown", TriggerDuration.Format(cooldown));
        }

        if (rule.Cap is { } cap)
        {
            writer.WriteStartObject("cap");
            writer.WriteNumber("count", cap.Count);
            writer.WriteString("period", TriggerDuration.Format(cap.Period));
            writer.WriteEndObject();
        }

        if (rule.RateLimit is { } rate)
        {
            writer.WriteNumber("rateLimit", rate);
        }

        if (rule.Group is not null)
        {
            writer.WriteString("group", rule.Group);
        }

        if (rule.Webhooks.Count > 0)
        {
            writer.WriteStartArray("webhooks");
            foreach (var webhook in rule.Webhooks)
            {
                writer.WriteStartObject();
                writer.WriteString("url", webhook.Url.OriginalString);
                if (webhook.SecretName is not null)
                {
                    writer.WriteString("secretName", webhook.SecretName);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    internal static string NameOf(TriggerCategory category) => category == TriggerCategory.Service ? "service" : "marketing";

    internal static string NameOf(FactComparison comparison) => comparison switch
    {
        FactComparison.Above => "above",
        FactComparison.AtLeast => "atLeast",
        FactComparison.Below => "below",
        _ => "atMost",
    };

    internal static string RearmNameOf(FactComparison comparison) =>
        comparison is FactComparison.Above or FactComparison.AtLeast ? "rearmBelow" : "rearmAbove";

    internal static string NameOf(SegmentMembership membership) => membership == SegmentMembership.NotIn ? "notIn" : "in";

    private static void Write(Utf8JsonWriter writer, TriggerCondition condition)
    {
        writer.WriteStartObject();
        switch (condition)
        {
            case AllCondition all:
                WriteList(writer, "all", all.Conditions);
                break;
            case AnyCondition any:
                WriteList(writer, "any", any.Conditions);
                break;
            case NotCondition not:
                writer.WritePropertyName("not");
                Write(writer, not.Condition);
                break;
            case FactCondition fact:
                writer.WriteString("fact", fact.Fact);
                writer.WriteNumber(NameOf(fact.Comparison), fact.Threshold);
                if (fact.Rearm is { } rearm)
                {
                    writer.WriteNumber(RearmNameOf(fact.Comparison), rearm);
                }

                break;
            case FactBetweenCondition between:
                writer.WriteString("fact", between.Fact);
                writer.WriteStartArray("between");
                writer.WriteNumberValue(between.Low);
                writer.WriteNumberValue(between.High);
                writer.WriteEndArray();
                break;
            case EventCondition e:
                writer.WriteString("event", e.Kind);
                break;
            case AttributeCondition attribute:
                writer.WriteString("attribute", attribute.Attribute);
                if (attribute.Value is not null)
                {
                    writer.WriteString("equals", attribute.Value);
                }

                if (attribute.OneOf is { } values)
                {
                    writer.WriteStartArray("in");
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(value);
                    }

                    writer.WriteEndArray();
                }

                break;
            case SegmentCondition segment:
                writer.WriteString("segment", NameOf(segment.Membership));
                writer.WriteStartArray("ids");
                foreach (var id in segment.Ids)
                {
                    writer.WriteNumberValue(id);
                }

                writer.WriteEndArray();
                break;
            case SegmentMoveCondition move:
                writer.WriteStartObject("segmentMove");
                if (move.From is { } from)
                {
                    writer.WriteNumber("from", from);
                }

                if (move.To is { } to)
                {
                    writer.WriteNumber("to", to);
                }

                writer.WriteEndObject();
                break;
            case InactivityCondition inactivity:
                writer.WriteString("inactiveFor", TriggerDuration.Format(inactivity.Duration));
                break;
            default:
                throw new ArgumentException($"'{condition.GetType().Name}' cannot be written as a rule condition.", nameof(condition));
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<TriggerCondition> conditions)
    {
        writer.WriteStartArray(name);
        foreach (var child in conditions)
        {
            Write(writer, child);
        }

        writer.WriteEndArray();
    }
}
