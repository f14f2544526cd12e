using System.Diagnostics.Metrics;
using Pulse.Contracts.Operations;

namespace Pulse.Web.Operations;

/// <summary>
/// What this process's ingest took: a rate over the last few seconds for the operator view (a ring of
/// one-second counts), and counters on the <c>Pulse</c> meter for Prometheus. Called once per request.
/// </summary>
public sealed class IngestActivity
{
    private const int Seconds = 10;
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _secondOf = new long[Seconds];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;

    public IngestActivity(TimeProvider time, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(PulseMeter.Name);
        _accepted = meter.CreateCounter<long>("pulse.events.accepted", unit: "{event}", description: "Interactions ingest logged and acknowledged (new event ids).");
        _duplicates = meter.CreateCounter<long>("pulse.events.duplicates", unit: "{event}", description: "Interactions whose event id was already logged (a resend).");
        _rejected = meter.CreateCounter<long>("pulse.events.rejected", unit: "{event}", description: "Interactions refused as invalid (answered per item).");
    }

    /// <summary>A request's outcome: logged, already logged, refused.</summary>
    public void Took(int accepted, int duplicates, int rejected)
    {
        _accepted.Add(accepted);
        _duplicates.Add(duplicates);
        _rejected.Add(rejected);
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        lock (_lock)
        {
            if (_secondOf[slot] != second)
            {
                (_secondOf[slot], _counts[slot]) = (second, 0);
            }

            _counts[slot] += accepted;
        }
    }

    /// <summary>Accepted per second over the last complete seconds of the window.</summary>
    public double PerSecond()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        long total = 0;
        lock (_lock)
        {
            for (var i = 0; i < Seconds; i++)
            {
                // The current second is still filling: leave it out.
                if (_secondOf[i] < now && _secondOf[i] >= now - (Seconds - 1))
                {
                    total += _counts[i];
                }
            }
        }

        return total / (double)(Seconds - 1);
    }
}
