using System.Globalization;
using Pulse.Contracts.Identity;

namespace Pulse.Contracts.Interactions;

/// <summary>Every rule a submitted interaction must meet, in one place.</summary>
public static class InteractionRules
{
    /// <summary>
    /// Validates a draft against the rules, as of <paramref name="now"/> (for the future-time check).
    /// </summary>
    /// <returns>The accepted interaction, or the first problem found.</returns>
    /// <param name="identifierKeys">Keys the draft's identities (hashing emails and phones); a draft with identities is refused without it.</param>
    public static (Interaction? Interaction, InteractionError? Error) Validate(InteractionDraft draft, int index, DateTimeOffset now, IIdentifierKeys? identifierKeys = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        InteractionError Fail(string field, string reason) => new(index, field, reason);

        if (IdProblem(draft.EventId) is { } eventIdProblem)
        {
            return (null, Fail("eventId", eventIdProblem));
        }

        if (IdProblem(draft.CustomerId) is { } customerIdProblem)
        {
            return (null, Fail("customerId", customerIdProblem));
        }

        if (string.IsNullOrWhiteSpace(draft.Timestamp))
        {
            return (null, Fail("timestamp", "is required (ISO 8601 with Z or an offset, e.g. 2026-11-24T10:15:00Z)"));
        }

        if (!TryParseTimestamp(draft.Timestamp, out var timestamp))
        {
            return (null, Fail("timestamp", $"'{Shorten(draft.Timestamp)}' is not an ISO 8601 time with Z or an offset"));
        }

        if (timestamp < InteractionLimits.EarliestTimestamp)
        {
            return (null, Fail("timestamp", "is before 1970-01-01"));
        }

        if (timestamp > now + InteractionLimits.MaxFutureSkew)
        {
            return (null, Fail("timestamp", $"is more than {InteractionLimits.MaxFutureSkew.TotalMinutes:0} minutes in the future"));
        }

        if (string.IsNullOrEmpty(draft.Channel))
        {
            return (null, Fail("channel", $"is required; one of {string.Join(", ", WireNames.Channels)}"));
        }

        if (!WireNames.TryParseChannel(draft.Channel, out var channel))
        {
            return (null, Fail("channel", $"unknown channel '{Shorten(draft.Channel)}'; expected one of {string.Join(", ", WireNames.Channels)}"));
        }

        if (string.IsNullOrEmpty(draft.Kind))
        {
            return (null, Fail("kind", $"is required; one of {string.Join(", ", WireNames.Kinds)}"));
        }

        if (!WireNames.TryParseKind(draft.Kind, out var kind))
        {
            return (null, Fail("kind", $"unknown kind '{Shorten(draft.Kind)}'; expected one of {string.Join(", ", WireNames.Kinds)}"));
        }

        if (AmountProblem(draft.Amount, kind) is { } amountProblem)
        {
            return (null, Fail("amount", amountProblem));
        }

        if (draft.Text is { Length: > InteractionLimits.MaxTextLength })
        {
            return (null, Fail("text", $"is {draft.Text.Length} characters; the limit is {InteractionLimits.MaxTextLength}"));
        }

        if (CounterpartyProblem(draft, kind) is { } counterpartyProblem)
        {
            return (null, Fail("counterpartyId", counterpartyProblem));
        }

        if (PropertiesProblem(draft.Properties) is { } propertiesProblem)
        {
            return (null, Fail("properties", propertiesProblem));
        }

        if (kind == InteractionKind.ProfileUpdate && draft.Properties is not { Count: > 0 })
        {
            return (null, Fail("properties", "are required for a profile-update: the attributes it sets"));
        }

        if (kind == InteractionKind.RelationshipEnd && draft.Properties?.GetValueOrDefault("relationship") is { } relationship
            && !RelationshipNames.Contains(relationship))
        {
            return (null, Fail("properties.relationship", $"'{Shorten(relationship)}' is not a relationship kind; use one of {string.Join(", ", RelationshipNames)}"));
        }

        var (identities, identityError) = KeyIdentities(draft.Identities, identifierKeys);
        if (identityError is { } identityProblem)
        {
            return (null, Fail(identityProblem.Field, identityProblem.Reason));
        }

        // Microsecond precision: what PostgreSQL keeps, so a replayed interaction equals the live one.
        var utcTicks = timestamp.UtcTicks - (timestamp.UtcTicks % 10);
        var interaction = new Interaction(
            draft.EventId!,
            draft.CustomerId!,
            new DateTimeOffset(utcTicks, TimeSpan.Zero),
            channel,
            kind,
            draft.Amount,
            string.IsNullOrEmpty(draft.Text) ? null : draft.Text,
            string.IsNullOrEmpty(draft.CounterpartyId) ? null : draft.CounterpartyId,
            draft.Properties is { Count: > 0 } properties ? new Dictionary<string, string>(properties, StringComparer.Ordinal) : null,
            Identities: identities);
        return (interaction, null);
    }

    /// <summary>Kinds that move money and so must carry an amount.</summary>
    public static bool RequiresAmount(InteractionKind kind) => kind is InteractionKind.Purchase or InteractionKind.Refund;

    /// <summary>Kinds that link two customers and so must name the other one.</summary>
    public static bool RequiresCounterparty(InteractionKind kind) =>
        kind is InteractionKind.Referral or InteractionKind.Household or InteractionKind.Mention or InteractionKind.RelationshipEnd;

    /// <summary>Kinds that record facts about the customer rather than something they did: no counter, recency or churn label moves.</summary>
    public static bool IsAdministrative(InteractionKind kind) =>
        kind is InteractionKind.ProfileUpdate or InteractionKind.RelationshipEnd;

    /// <summary>The relationship kinds a <c>relationship-end</c> may name in its <c>relationship</c> property.</summary>
    public static IReadOnlyList<string> RelationshipNames { get; } = ["referral", "household", "mention", "call-transfer", "other"];

    private static (IReadOnlyList<InteractionIdentity>? Identities, (string Field, string Reason)? Error) KeyIdentities(List<IdentityDraft>? drafts, IIdentifierKeys? keys)
    {
        if (drafts is not { Count: > 0 })
        {
            return (null, null);
        }

        if (drafts.Count > InteractionLimits.MaxIdentities)
        {
            return (null, ("identities", $"has {drafts.Count} entries; the limit is {InteractionLimits.MaxIdentities}"));
        }

        if (keys is null)
        {
            return (null, ("identities", "are not accepted on this path; send the event to POST /api/v1/interactions"));
        }

        var kept = new List<InteractionIdentity>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (draft is null)
            {
                return (null, ($"identities[{i}]", "is null; expected {type, value, verified}"));
            }

            if (string.IsNullOrWhiteSpace(draft.Type))
            {
                return (null, ($"identities[{i}].type", $"is required; one of {string.Join(", ", Enum.GetNames<IdentifierType>().Select(n => n.ToLowerInvariant()))}"));
            }

            try
            {
                var key = keys.KeyOf(draft.Type, draft.Value ?? "");
                if (!kept.Exists(k => k.Key == key))
                {
                    kept.Add(new InteractionIdentity(key, draft.Verified));
                }
            }
            catch (ArgumentException ex)
            {
                // The keys name the part that is wrong (type or value); the message never repeats a clear email or phone.
                return (null, ($"identities[{i}].{(ex.ParamName == "type" ? "type" : "value")}", ex.Message.Split(" (Parameter", 2)[0]));
            }
        }

        return (kept, null);
    }

    private static bool TryParseTimestamp(string value, out DateTimeOffset timestamp)
    {
        // An event time without an offset is ambiguous between senders' time zones: refuse it.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') ||
            (value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':');
        timestamp = default;
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp);
    }

    /// <summary>What is wrong with an id (event, customer, counterparty), or null when nothing is.</summary>
    public static string? IdProblem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is required";
        }

        if (id.Length > InteractionLimits.MaxIdLength)
        {
            return $"is {id.Length} characters; the limit is {InteractionLimits.MaxIdLength}";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "must not contain control characters";
            }
        }

        return null;
    }

    private static string? AmountProblem(decimal? amount, InteractionKind kind)
    {
        if (amount is null)
        {
            return RequiresAmount(kind) ? $"is required for a {kind.Name()}" : null;
        }

        if (amount < 0)
        {
            return "must not be negative (a refund is its own kind, with a positive amount)";
        }

        return amount > InteractionLimits.MaxAmount ? $"is over the limit of {InteractionLimits.MaxAmount}" : null;
    }

    private static string? CounterpartyProblem(InteractionDraft draft, InteractionKind kind)
    {
        if (string.IsNullOrEmpty(draft.CounterpartyId))
        {
            return RequiresCounterparty(kind) ? $"is required for a {kind.Name()}" : null;
        }

        if (IdProblem(draft.CounterpartyId) is { } problem)
        {
            return problem;
        }

        return string.Equals(draft.CounterpartyId, draft.CustomerId, StringComparison.Ordinal)
            ? "must be another customer, not the customer themself"
            : null;
    }

    private static string? PropertiesProblem(Dictionary<string, string>? properties)
    {
        if (properties is null)
        {
            return null;
        }

        if (properties.Count > InteractionLimits.MaxProperties)
        {
            return $"has {properties.Count} entries; the limit is {InteractionLimits.MaxProperties}";
        }

        foreach (var (key, value) in properties)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > InteractionLimits.MaxPropertyKeyLength)
            {
                return $"key '{Shorten(key)}' must be 1 to {InteractionLimits.MaxPropertyKeyLength} characters";
            }

            if (value is null)
            {
                return $"value of '{Shorten(key)}' must be a string, not null";
            }

            if (value.Length > InteractionLimits.MaxPropertyValueLength)
            {
                return $"value of '{Shorten(key)}' is {value.Length} characters; the limit is {InteractionLimits.MaxPropertyValueLength}";
            }
        }

        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
