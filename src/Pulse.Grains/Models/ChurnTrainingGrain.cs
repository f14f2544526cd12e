using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Pulse.Analytics.Churn;
using Pulse.Analytics.Learning;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Models;

/// <summary>
/// One churn training: reads the whole interaction log, builds point-in-time rows, trains and measures
/// on a later period (or, for a CRM label, on a stratified holdout), and publishes to the registry.
/// </summary>
/// <remarks>The log is held in memory while rows are built: fine for millions of events, not for billions (docs/models.md).</remarks>
[StatelessWorker(1)]
public sealed partial class ChurnTrainingGrain(IInteractionLog log, SentimentModelCache sentiment, ILogger<ChurnTrainingGrain> logger) : Grain, IChurnTrainingGrain
{
    private const int PageSize = 5_000;

    public async Task<PublishedModel> TrainAsync(ChurnTrainingRequest request)
    {
        Validate(request);
        var histories = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        var events = 0L;
        var latest = DateTimeOffset.MinValue;
        var latestBehaviour = DateTimeOffset.MinValue;
        for (var partition = 0; partition < LogPartitions.Count; partition++)
        {
            var cursor = LogCursor.Start;
            while (true)
            {
                var page = await log.ReadPartitionAsync(partition, cursor, PageSize);
                foreach (var interaction in page.Interactions)
                {
                    if (!histories.TryGetValue(interaction.CustomerId, out var history))
                    {
                        histories[interaction.CustomerId] = history = [];
                    }

                    history.Add(interaction);
                    events++;
                    latest = interaction.Timestamp > latest ? interaction.Timestamp : latest;
                    if (!InteractionRules.IsAdministrative(interaction.Kind) && interaction.Timestamp > latestBehaviour)
                    {
                        latestBehaviour = interaction.Timestamp;
                    }
                }

                if (page.Interactions.Count == 0)
                {
                    break;
                }

                cursor = page.Next;
            }
        }

        if (events == 0)
        {
            throw new ArgumentException("The interaction log is empty: there is nothing to learn churn from.", nameof(request));
        }

        var model = sentiment.Current;
        Func<Interaction, Interaction> score = i => i is { Text.Length: > 0, Sentiment: null } && model is not null ? i with { Sentiment = model.Score(i.Text) } : i;
        var (training, holdout, options) = await Task.Run(() => Rows(request, histories, request.Label == ChurnLabel.Attribute ? latest : latestBehaviour, events, score));
        var trained = await Task.Run(() => ChurnTrainer.Train(training, holdout, options));
        LogTrained(training.Count, holdout.Count, trained.Metrics.AreaUnderRoc);
        return await GrainFactory.GetGrain<IModelRegistryGrain>(ModelNames.Churn).PublishArtifactAsync(trained.Artifact.ToBytes(), request.RequestedBy);
    }

    private static (List<ChurnObservation> Training, List<ChurnObservation> Holdout, ChurnTrainingOptions Options) Rows(
        ChurnTrainingRequest request,
        Dictionary<string, List<Interaction>> histories,
        DateTimeOffset latest,
        long events,
        Func<Interaction, Interaction> score)
    {
        var c = CultureInfo.InvariantCulture;
        var options = new ChurnTrainingOptions { Seed = request.Seed };
        if (request.Label == ChurnLabel.Attribute)
        {
            var rows = histories
                .OrderBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => ChurnObservations.AtEnd(h.Key, h.Value, latest, request.LabelAttribute!, request.PositiveValue!, score))
                .OfType<ChurnObservation>()
                .ToList();
            if (rows.Count == 0)
            {
                throw new ArgumentException($"labelAttribute: no customer has an attribute '{request.LabelAttribute}'.", nameof(request));
            }

            var held = StratifiedSplit.Holdout([.. rows.Select(r => r.Churned)], request.HoldoutShare, request.Seed);
            return (
                [.. rows.Where((_, i) => !held.Contains(i))],
                [.. rows.Where((_, i) => held.Contains(i))],
                options with
                {
                    ExcludedAttributes = new HashSet<string>(StringComparer.Ordinal) { request.LabelAttribute! },
                    LabelDescription = $"attribute {request.LabelAttribute} = {request.PositiveValue}",
                    SplitDescription = string.Format(c, "stratified holdout of {0:P0}, seed {1}", request.HoldoutShare, request.Seed),
                    DataDescription = string.Format(c, "interaction log: {0} events of {1} customers up to {2:O}", events, histories.Count, latest),
                });
        }

        var horizon = TimeSpan.FromDays(request.HorizonDays);
        var spacing = TimeSpan.FromDays(request.SpacingDays ?? request.HorizonDays);
        var last = request.LastCutOff ?? latest - horizon;
        var cutOffs = ChurnObservations.CutOffs(last, spacing, request.CutOffs);
        var training = new List<ChurnObservation>();
        var holdout = new List<ChurnObservation>();
        foreach (var (customer, history) in histories.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            foreach (var row in ChurnObservations.AtCutOffs(customer, history, cutOffs, request.Label, horizon, score))
            {
                (row.CutOff == cutOffs[^1] ? holdout : training).Add(row);
            }
        }

        var what = request.Label == ChurnLabel.NoPurchase ? "purchase" : "interaction";
        return (training, holdout, options with
        {
            LabelDescription = string.Format(c, "no {0} in the {1:0.##} days after the cut-off", what, request.HorizonDays),
            SplitDescription = string.Format(c, "out of time: trained on cut-offs {0}, measured on {1:yyyy-MM-dd}", string.Join(", ", cutOffs.SkipLast(1).Select(d => d.ToString("yyyy-MM-dd", c))), cutOffs[^1]),
            DataDescription = string.Format(c, "interaction log: {0} events of {1} customers up to {2:O}; cut-offs every {3:0.##} days", events, histories.Count, latest, spacing.TotalDays),
        });
    }

    private static void Validate(ChurnTrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        static void Fail(string field, string problem) => throw new ArgumentException($"{field}: {problem}", field);
        if (request.Label == ChurnLabel.Attribute)
        {
            if (string.IsNullOrWhiteSpace(request.LabelAttribute))
            {
                Fail("labelAttribute", "is required when churn is read from an attribute");
            }

            if (string.IsNullOrWhiteSpace(request.PositiveValue))
            {
                Fail("positiveValue", "is required when churn is read from an attribute (the value that means churned, e.g. Yes)");
            }

            if (!(request.HoldoutShare > 0 && request.HoldoutShare < 1))
            {
                Fail("holdoutShare", "must lie strictly between 0 and 1");
            }

            return;
        }

        if (!(request.HorizonDays >= 1 && request.HorizonDays <= 3650))
        {
            Fail("horizonDays", "must be between 1 and 3650");
        }

        if (request.CutOffs is < 2 or > 52)
        {
            Fail("cutOffs", "must be between 2 and 52: the last is held out, the others train");
        }

        if (request.SpacingDays is { } spacing && !(spacing >= 1 && spacing <= 3650))
        {
            Fail("spacingDays", "must be between 1 and 3650");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Churn model trained on {Training} rows, measured on {Holdout}: AUC {Auc:0.####}")]
    private partial void LogTrained(int training, int holdout, double auc);
}
