using System.Text.Json;
using Pulse.Contracts.Interactions;
using Pulse.Web.Json;

namespace Pulse.Web.Ingest;

/// <summary>
/// Reads an ingest body, a JSON array or NDJSON, item by item, so one bad item is reported with its
/// index and field and never spoils the others. A body that is not JSON at all is a <see cref="BodyProblem"/>.
/// </summary>
internal static class InteractionBodyReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads a JSON array of interaction objects (a single object is taken as one item).</summary>
    public static ParsedBody ReadJsonArray(ReadOnlySpan<byte> body)
    {
        var parsed = new ParsedBody();
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new BodyProblem(400, "Empty body", "The body holds no interactions: send a JSON array of interaction objects.");
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
                AddItem(parsed, 0, body[..(int)reader.BytesConsumed]);
                ExpectEnd(ref reader);
                return parsed;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new BodyProblem(400, "Malformed body", "The body must be a JSON array of interaction objects, or NDJSON sent as application/x-ndjson.");
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                CheckCount(index + 1);
                var start = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (isObject)
                {
                    AddItem(parsed, index, body[start..(int)reader.BytesConsumed]);
                }
                else
                {
                    parsed.Rejected.Add(new InteractionError(index, "$", "must be a JSON object"));
                }

                index++;
            }

            parsed.ItemCount = index;
            ExpectEnd(ref reader);
            return parsed;
        }
        catch (JsonException ex)
        {
            throw new BodyProblem(400, "Malformed JSON", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}");
        }
    }

    /// <summary>Reads NDJSON: one interaction object a line; blank lines are ignored. Index is the 0-based line number.</summary>
    public static ParsedBody ReadNdjson(ReadOnlySpan<byte> body)
    {
        var parsed = new ParsedBody();
        var line = 0;
        var items = 0;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            var current = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (current.Length > 0 && current[^1] == (byte)'\r')
            {
                current = current[..^1];
            }

            if (!current.Trim((byte)' ').IsEmpty)
            {
                CheckCount(++items);
                ReadLine(parsed, line, current);
            }

            line++;
        }

        parsed.ItemCount = items;
        if (items == 0)
        {
            throw new BodyProblem(400, "Empty body", "The body holds no interactions: send one JSON object a line.");
        }

        return parsed;
    }

    private static void ReadLine(ParsedBody parsed, int index, ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                parsed.Rejected.Add(new InteractionError(index, "$", "must be a JSON object"));
                return;
            }

            reader.Skip();
            if (reader.Read())
            {
                parsed.Rejected.Add(new InteractionError(index, "$", "has text after the JSON object; put one object on each line"));
                return;
            }
        }
        catch (JsonException ex)
        {
            parsed.Rejected.Add(new InteractionError(index, "$", $"malformed JSON at byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}"));
            return;
        }

        AddItem(parsed, index, line);
    }

    private static void AddItem(ParsedBody parsed, int index, ReadOnlySpan<byte> json)
    {
        try
        {
            var draft = JsonSerializer.Deserialize(json, PulseJsonContext.Default.InteractionDraft);
            if (draft is null)
            {
                parsed.Rejected.Add(new InteractionError(index, "$", "must be a JSON object"));
                return;
            }

            parsed.Drafts.Add((index, draft));
        }
        catch (JsonException ex)
        {
            parsed.Rejected.Add(Describe(index, ex));
        }
        catch (InvalidOperationException)
        {
            // The reader refuses strings that are not valid UTF-8.
            parsed.Rejected.Add(new InteractionError(index, "$", "contains text that is not valid UTF-8"));
        }
    }

    private static InteractionError Describe(int index, JsonException ex)
    {
        var message = ex.Message;
        const string unmapped = "could not be mapped to any .NET member";
        if (message.Contains(unmapped, StringComparison.Ordinal))
        {
            var name = Quoted(message) ?? "?";
            return new InteractionError(index, name, "is not a known field; put extra attributes in 'properties'");
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return new InteractionError(index, Quoted(message) ?? FieldOf(ex.Path), "appears more than once");
        }

        var field = FieldOf(ex.Path);
        var reason = field switch
        {
            "amount" => "must be a JSON number (no quotes, no NaN or Infinity) within the decimal range",
            "properties" => "must be an object whose values are strings",
            _ when field.StartsWith("properties.", StringComparison.Ordinal) => "must be a string",
            "identities" => "must be an array of objects {type, value, verified}",
            _ when field.StartsWith("identities[", StringComparison.Ordinal) && field.EndsWith(".verified", StringComparison.Ordinal) => "must be true or false",
            _ when field.StartsWith("identities[", StringComparison.Ordinal) && !field.Contains('.', StringComparison.Ordinal) => "must be an object {type, value, verified}",
            "$" => $"is not a valid interaction object: {FirstSentence(message)}",
            _ => "must be a string",
        };
        return new InteractionError(index, field, reason);
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        cut = cut < 0 ? message.IndexOf(" LineNumber:", StringComparison.Ordinal) : cut;
        return (cut < 0 ? message : message[..cut]).Trim();
    }

    private static void CheckCount(int count)
    {
        if (count > InteractionLimits.MaxBatchSize)
        {
            throw new BodyProblem(413, "Too many interactions", $"A request may carry at most {InteractionLimits.MaxBatchSize} interactions; split the batch.");
        }
    }

    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new BodyProblem(400, "Malformed body", "The body has content after the JSON array: send exactly one array (or use NDJSON).");
        }
    }
}
