using Pulse.Contracts.Interactions;

namespace Pulse.Web.Ingest;

/// <summary>The items of an ingest body: drafts to validate (with their index) and items already rejected while reading.</summary>
internal sealed class ParsedBody
{
    public List<(int Index, InteractionDraft Draft)> Drafts { get; } = [];

    public List<InteractionError> Rejected { get; } = [];

    public int ItemCount { get; set; }
}
