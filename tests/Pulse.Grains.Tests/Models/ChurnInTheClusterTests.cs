using Microsoft.Extensions.Time.Testing;
using Pulse.Analytics.Simulation;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Models;
using Pulse.Grains.Tests.Cluster;
using Xunit;

namespace Pulse.Grains.Tests.Models;

/// <summary>Sentiment and churn in a two-silo cluster, on the synthetic population the demo feed uses.</summary>
public sealed class ChurnInTheClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_shipped_sentiment_model_scores_what_customers_say_as_it_arrives()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);
        var registry = pulse.Client.GetGrain<IModelRegistryGrain>(ModelNames.Sentiment);
        var shipped = await Eventually.ReturnsAsync(registry.GetLatestAsync, m => m is not null, "the shipped sentiment model to be published");
        Assert.Equal(ShippedModels.RequestedBy, shipped!.RequestedBy);
        Assert.True(shipped.Metrics["accuracy"] >= 0.80);
        Assert.Single(await registry.GetHistoryAsync()); // Two silos started; published once.

        var id = $"angry-{Guid.NewGuid():N}"[..20];
        var at = PulseTestCluster.Start.AddMinutes(-10);
        await pulse.Client.IngestAsync([
            new Interaction("t1", id, at, Channel.CallCentre, InteractionKind.Call, Text: "I have been on hold for an hour, the agent was rude and my order is still broken. Terrible."),
            new Interaction("t2", id, at.AddMinutes(1), Channel.Email, InteractionKind.Complaint, Text: "Awful service, I want a refund now."),
        ]);

        var profile = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.InteractionCount == 2, "both applied", TimeSpan.FromSeconds(30));
        Assert.NotNull(profile!.Sentiment);
        Assert.True(profile.Sentiment.Level < -0.2, $"level {profile.Sentiment.Level}");
        var recent = await pulse.Client.GetGrain<ICustomerGrain>(id).GetRecentInteractionsAsync();
        Assert.All(recent, i => Assert.InRange(i.Sentiment!.Value, -1, 0));
    }

    [Fact]
    public async Task Churn_trains_on_point_in_time_rows_and_live_customers_pick_up_each_new_version()
    {
        var clock = new FakeTimeProvider(PulseTestCluster.Start);
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromHours(1), clock);

        // Half a year of the demo population's life (BG/NBD drop-outs are the churners), backdated.
        var simulator = new PopulationSimulator(new SimulationOptions { Customers = 1_200, LateShare = 0, RunId = "churn" }, seed: 5);
        var days = 182.0;
        var events = 24_000;
        var first = PulseTestCluster.Start.AddDays(-days);
        var batch = new List<Interaction>(1_000);
        var seen = new List<string>();
        for (var i = 0; i < events; i++)
        {
            var e = simulator.Next(first.AddDays(days * i / events));
            WireNames.TryParseChannel(e.Channel, out var channel);
            WireNames.TryParseKind(e.Kind, out var kind);
            if (seen.Count < 6 && !seen.Contains(e.CustomerId))
            {
                seen.Add(e.CustomerId);
            }

            batch.Add(new Interaction(e.EventId, e.CustomerId, e.Timestamp, channel, kind, e.Amount, e.Text, e.CounterpartyId));
            if (batch.Count == 1_000)
            {
                await pulse.Client.IngestAsync(batch);
                batch.Clear();
            }
        }

        await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<IModelRegistryGrain>(ModelNames.Sentiment).GetVersionAsync(), v => v > 0, "sentiment published");
        var request = new ChurnTrainingRequest(ChurnLabel.NoPurchase, 30, 4, null, null, null, null, 0.2, 11, "test");
        var v1 = await pulse.Client.GetGrain<IChurnTrainingGrain>(Guid.NewGuid()).TrainAsync(request);
        output.WriteLine($"synthetic feed churn: auc {v1.Metrics["auc"]:F4}, pr-auc {v1.Metrics["pr-auc"]:F4}, base rate {v1.Metrics["base-rate"]:F4}, brier {v1.Metrics["brier"]:F4}; rows {v1.TrainingRows} + {v1.HoldoutRows}");
        Assert.Equal(1, v1.Version);
        Assert.True(v1.Metrics["auc"] > 0.70, $"AUC {v1.Metrics["auc"]:F4}");
        Assert.True(v1.HoldoutRows > 100 && v1.TrainingRows > 2 * v1.HoldoutRows);
        Assert.Equal(v1, (await pulse.Client.GetGrain<IModelRegistryGrain>(ModelNames.Churn).GetHistoryAsync())[0] with { Metrics = v1.Metrics });

        // A customer who just complained, in words, gets a live risk with three reasons.
        var id = seen[0];
        var profile = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(id).GetProfileAsync(), p => p?.Churn?.ModelVersion == 1, "scored by version 1", TimeSpan.FromSeconds(30));
        Assert.InRange(profile!.Churn!.Probability, 0, 1);
        Assert.Equal(3, profile.Churn.Reasons.Count);
        Assert.All(profile.Churn.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));

        // A second version (another seed) reaches live customers on both silos without a restart; an event moves the stored risk.
        var v2 = await pulse.Client.GetGrain<IChurnTrainingGrain>(Guid.NewGuid()).TrainAsync(request with { Seed = 12 });
        Assert.Equal(2, v2.Version);
        foreach (var customer in seen)
        {
            await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(customer).GetProfileAsync(), p => p?.Churn?.ModelVersion == 2, $"{customer} read with version 2", TimeSpan.FromSeconds(30));
            await pulse.Client.IngestAsync([new Interaction($"{customer}-late", customer, PulseTestCluster.Start, Channel.Email, InteractionKind.Complaint, Text: "Still broken. I am cancelling.")]);
            var stored = await Eventually.ReturnsAsync(() => pulse.Client.GetGrain<ICustomerGrain>(customer).GetStoredChurnAsync(), c => c?.ModelVersion == 2, $"{customer} re-scored by version 2", TimeSpan.FromSeconds(30));
            Assert.Contains(stored!.Reasons, r => r.Text.Length > 0);
        }
    }
}
