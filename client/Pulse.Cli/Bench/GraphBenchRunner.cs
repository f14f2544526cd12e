using Pulse.Cli.Api;

namespace Pulse.Cli.Bench;

/// <summary>
/// Preloads a preferential-attachment graph through ordinary ingest (mentions, a fifth of them households),
/// waits until the graph holds it, then streams random relationships at a fixed rate while probe customers
/// each add one relationship at a time and poll their own profile until its network shows it.
/// </summary>
internal sealed class GraphBenchRunner(PulseApiClient client, TimeProvider time)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);
    private const int Probes = 20;

    public async Task<GraphBenchResult> RunAsync(GraphBenchSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var run = time.GetUtcNow().ToUnixTimeSeconds();
        double preload = 0;
        if (!settings.SkipPreload)
        {
            var started = time.GetTimestamp();
            await PreloadAsync(settings, random, progress, cancellationToken).ConfigureAwait(false);
            preload = time.GetElapsedTime(started).TotalSeconds;
        }

        var settling = time.GetTimestamp();
        var status = await SettleAsync(settings.Customers, progress, cancellationToken).ConfigureAwait(false);
        var settle = time.GetElapsedTime(settling).TotalSeconds;

        progress($"streaming {settings.Rate:N0} relationships/s for {settings.Duration.TotalSeconds:N0} s with {settings.ProbesPerSecond:N0} probes/s");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stream = StreamAsync(settings, run, stop.Token);
        var (samples, sent, timedOut) = await ProbeAsync(settings, run, random, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        var streamed = await stream.ConfigureAwait(false);
        var after = await client.GetGraphStatusAsync(cancellationToken).ConfigureAwait(false);
        return new GraphBenchResult(
            status.Customers, status.Arcs, preload, settle, settings.Rate, streamed / settings.Duration.TotalSeconds,
            sent, timedOut, Percentiles.Summarize(samples), after.ErrorBound, after.Epoch);
    }

    private async Task PreloadAsync(GraphBenchSettings settings, Random random, Action<string> progress, CancellationToken cancellationToken)
    {
        var m = settings.EdgesPerCustomer;
        var endpoints = new List<int>(2 * settings.Customers * m);
        var at = time.GetUtcNow();
        var batches = new List<InteractionPayload>(1_000);
        var inFlight = new List<Task>();
        long posted = 0;
        for (var i = 0; i < settings.Customers; i++)
        {
            for (var j = 0; j < m && i > 0; j++)
            {
                // Degree-proportional choice of the other end, the first customers linking to each other.
                var target = i <= m ? random.Next(i) : endpoints[random.Next(endpoints.Count)];
                if (target == i)
                {
                    continue;
                }

                var kind = random.Next(5) == 0 ? "household" : "mention";
                batches.Add(new InteractionPayload($"gb-{i}-{j}", Customer(i), at, "web", kind, CounterpartyId: Customer(target)));
                endpoints.Add(i);
                endpoints.Add(target);
                if (batches.Count == 1_000)
                {
                    inFlight.Add(client.PostInteractionsAsync([.. batches], cancellationToken));
                    posted += batches.Count;
                    batches.Clear();
                    if (inFlight.Count >= settings.Concurrency)
                    {
                        await Task.WhenAll(inFlight).ConfigureAwait(false);
                        inFlight.Clear();
                    }

                    if (posted % 100_000 == 0)
                    {
                        progress($"preload: {posted:N0} relationships posted");
                    }
                }
            }
        }

        if (batches.Count > 0)
        {
            inFlight.Add(client.PostInteractionsAsync([.. batches], cancellationToken));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    /// <summary>Waits until the graph holds every preloaded customer and its arcs stop changing.</summary>
    private async Task<GraphStatus> SettleAsync(int customers, Action<string> progress, CancellationToken cancellationToken)
    {
        var last = await client.GetGraphStatusAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            var now = await client.GetGraphStatusAsync(cancellationToken).ConfigureAwait(false);
            progress($"settling: {now.Customers:N0} customers, {now.Arcs:N0} arcs, error bound {now.ErrorBound:E1}");
            if (now.Customers >= customers && now.Arcs == last.Arcs && now.Customers == last.Customers)
            {
                return now;
            }

            last = now;
        }
    }

    /// <summary>Random relationships between preloaded customers, paced in 20 ms ticks; returns how many were accepted.</summary>
    private async Task<long> StreamAsync(GraphBenchSettings settings, long run, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed + 1);
        var tick = TimeSpan.FromMilliseconds(20);
        var started = time.GetTimestamp();
        long sent = 0;
        try
        {
            for (var i = 1; ; i++)
            {
                var due = (long)(settings.Rate * tick.TotalSeconds * i);
                var batch = new List<InteractionPayload>();
                for (; sent + batch.Count < due;)
                {
                    var from = random.Next(settings.Customers);
                    var to = random.Next(settings.Customers);
                    if (from != to)
                    {
                        batch.Add(new InteractionPayload($"gs-{run}-{sent + batch.Count}", Customer(from), time.GetUtcNow(), "web", "mention", CounterpartyId: Customer(to)));
                    }
                }

                await client.PostInteractionsAsync(batch, cancellationToken).ConfigureAwait(false);
                sent += batch.Count;
                var wait = tick * i - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return sent;
        }
    }

    private async Task<(List<double> Samples, int Sent, int TimedOut)> ProbeAsync(GraphBenchSettings settings, long run, Random random, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        var degrees = new int[Probes];
        for (var k = 0; k < Probes; k++)
        {
            degrees[k] = await client.GetNetworkDegreeAsync(ProbeId(run, k), cancellationToken).ConfigureAwait(false);
        }

        var interval = TimeSpan.FromSeconds(1 / settings.ProbesPerSecond);
        var started = time.GetTimestamp();
        int sent = 0, timedOut = 0;
        for (var i = 0; time.GetElapsedTime(started) < settings.Duration; i++)
        {
            var wait = interval * i - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            var k = i % Probes;
            var id = ProbeId(run, k);
            var t0 = time.GetTimestamp();
            await client.PostInteractionsAsync([new InteractionPayload($"{id}-{i}", id, time.GetUtcNow(), "web", "mention", CounterpartyId: Customer(random.Next(settings.Customers)))], cancellationToken).ConfigureAwait(false);
            sent++;
            degrees[k]++;
            while (await client.GetNetworkDegreeAsync(id, cancellationToken).ConfigureAwait(false) < degrees[k])
            {
                if (time.GetElapsedTime(t0) > VisibilityTimeout)
                {
                    timedOut++;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
            }

            if (time.GetElapsedTime(t0) <= VisibilityTimeout)
            {
                samples.Add(time.GetElapsedTime(t0).TotalMilliseconds);
            }
        }

        return (samples, sent, timedOut);
    }

    private static string Customer(int i) => $"gb-c{i}";

    private static string ProbeId(long run, int k) => $"gb-probe-{run}-{k}";
}
