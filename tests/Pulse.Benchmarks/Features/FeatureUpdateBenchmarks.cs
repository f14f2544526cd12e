using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Features;
using Pulse.Contracts.Interactions;
using Pulse.Grains.Customers;

namespace Pulse.Benchmarks.Features;

/// <summary>
/// The per-event cost inside a customer grain: dedupe, decayed counters, purchase days, the recent ring.
/// Budget (issue 2): at most 2 µs per event.
/// </summary>
[MemoryDiagnoser]
public class FeatureUpdateBenchmarks
{
    private const int Events = 10_000;
    private Interaction[] _interactions = [];
    private DecayedCounters _counters = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var kinds = Enum.GetValues<InteractionKind>();
        var channels = Enum.GetValues<Channel>();
        _interactions = new Interaction[Events];
        for (var i = 0; i < Events; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];

            // Mostly in order, one in ten late by up to a day: what a live feed looks like.
            var at = start.AddMinutes(i * 5 - (random.Next(10) == 0 ? random.Next(0, 1440) : 0));
            _interactions[i] = new Interaction(
                $"evt-{i}", "c-1", at, channels[random.Next(channels.Length)], kind,
                InteractionRules.RequiresAmount(kind) ? 20m + random.Next(100) : null,
                Position: i + 1);
        }

        _counters = new DecayedCounters(18, CustomerFeatures.HalfLivesDays);
    }

    /// <summary>Applies 10,000 distinct events to a fresh customer; reported per event.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long ApplyInteraction()
    {
        var features = new CustomerFeatures();
        foreach (var interaction in _interactions)
        {
            features.TryApply(interaction);
        }

        return features.AppliedCount;
    }

    /// <summary>The decayed counters alone (channel and kind in one ageing step).</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public double DecayedCountersAdd()
    {
        foreach (var interaction in _interactions)
        {
            _counters.Add(interaction.Timestamp.UtcTicks, (int)interaction.Channel, 5 + (int)interaction.Kind, 1.0);
        }

        return _counters.Count(0, 0, _counters.ReferenceTicks);
    }
}
