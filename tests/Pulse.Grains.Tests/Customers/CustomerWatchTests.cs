using System.Threading.Channels;
using Pulse.Contracts.Customers;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Customers;

/// <summary>Live views watch a customer and are told of each change, on whichever silo it lives.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerWatchTests(ClusterFixture fixture)
{
    private sealed class Recorder : ICustomerWatcher
    {
        public Channel<string> Changes { get; } = Channel.CreateUnbounded<string>();

        public Task CustomerChanged(string customerId)
        {
            Changes.Writer.TryWrite(customerId);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AWatcherIsToldWhenEventsAreAppliedAndNotAfterUnwatching()
    {
        var client = fixture.Pulse.Client;
        var id = "watch-" + Guid.NewGuid().ToString("N")[..8];
        var recorder = new Recorder();
        var reference = client.CreateObjectReference<ICustomerWatcher>(recorder);
        var customer = client.GetGrain<ICustomerGrain>(id);

        // Watching a customer never seen is allowed: a card opened before the first event goes live with it.
        await customer.WatchAsync(reference);
        await client.IngestAsync([Interactions.Make(id, id + "-1", DateTimeOffset.UtcNow.AddSeconds(-1), amount: null)]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(id, await recorder.Changes.Reader.ReadAsync(timeout.Token));
        Assert.Equal(1, (await customer.GetProfileAsync())!.InteractionCount);

        await customer.UnwatchAsync(reference);
        while (recorder.Changes.Reader.TryRead(out _))
        {
        }

        await client.IngestAsync([Interactions.Make(id, id + "-2", DateTimeOffset.UtcNow.AddSeconds(-1))]);
        await Eventually.ReturnsAsync(() => customer.GetProfileAsync(), p => p?.InteractionCount == 2, "the second event applied");
        await Task.Delay(300);
        Assert.False(recorder.Changes.Reader.TryRead(out _), "told after unwatching");
        client.DeleteObjectReference<ICustomerWatcher>(reference);
    }
}
