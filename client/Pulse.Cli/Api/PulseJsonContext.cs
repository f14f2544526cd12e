using System.Text.Json;
using System.Text.Json.Serialization;
using Pulse.Cli.Bench;
using Pulse.Cli.Triggers;

namespace Pulse.Cli.Api;

/// <summary>Source-generated JSON for everything the CLI sends and reads: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = false)]
[JsonSerializable(typeof(IReadOnlyList<InteractionPayload>))]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(CustomerProfile))]
[JsonSerializable(typeof(CustomerInteractionCount))]
[JsonSerializable(typeof(CustomerNetworkDegree))]
[JsonSerializable(typeof(IReadOnlyList<LoggedInteraction>))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(ClvFitPayload))]
[JsonSerializable(typeof(PublishedClvModel))]
[JsonSerializable(typeof(ChurnTrainPayload))]
[JsonSerializable(typeof(PublishedModel))]
[JsonSerializable(typeof(IReadOnlyList<ModelListing>))]
[JsonSerializable(typeof(SegmentListing))]
[JsonSerializable(typeof(SegmentMembersPage))]
[JsonSerializable(typeof(SegmentationStatus))]
[JsonSerializable(typeof(KSuggestion))]
[JsonSerializable(typeof(CustomerNetwork))]
[JsonSerializable(typeof(IReadOnlyList<Influencer>))]
[JsonSerializable(typeof(GraphStatus))]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(TriggerListing))]
[JsonSerializable(typeof(TriggerEntry))]
[JsonSerializable(typeof(IReadOnlyList<TriggerFiringItem>))]
[JsonSerializable(typeof(TriggerValidationProblem))]
internal sealed partial class PulseJsonContext : JsonSerializerContext;
