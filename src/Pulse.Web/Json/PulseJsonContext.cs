using System.Text.Json.Serialization;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Json;

/// <summary>
/// Source-generated, strict reading of submitted interactions: exact camelCase names, unknown fields
/// refused, duplicate fields refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(InteractionDraft))]
internal sealed partial class PulseJsonContext : JsonSerializerContext;
