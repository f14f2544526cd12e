using System.Text.Json;
using System.Text.Json.Serialization;
using Pulse.Contracts.Triggers;

namespace Pulse.Grains.Triggers.Outbox;

/// <summary>
/// A firing as JSON, the way webhooks receive it and the PostgreSQL outbox stores it: web defaults (camelCase
/// names), so the body a receiver reads is the body that was signed.
/// </summary>
public static class FiredTriggerJson
{
    /// <summary>Web defaults; a non-finite number (never expected in a reason) is written as a string rather than failing the firing.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] SerializeToUtf8Bytes(FiredTrigger firing) => JsonSerializer.SerializeToUtf8Bytes(firing, Options);

    public static string Serialize(FiredTrigger firing) => JsonSerializer.Serialize(firing, Options);

    public static FiredTrigger Deserialize(string json) =>
        JsonSerializer.Deserialize<FiredTrigger>(json, Options) ?? throw new JsonException("A stored firing is null.");
}
