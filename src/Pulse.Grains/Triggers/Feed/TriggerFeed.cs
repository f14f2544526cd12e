using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Triggers.Feed;

/// <summary>
/// The live feed in one process: it reads what the outbox stored after its last position (when woken by a
/// customer of this silo, else every <see cref="PollInterval"/> while anyone listens, which catches firings
/// of other silos) and hands it to every listener. The outbox is the source, so a listener can resume from a
/// position and the feed is the same whichever process serves it.
/// </summary>
public sealed partial class TriggerFeed(ITriggerOutbox outbox, ILogger<TriggerFeed> logger) : ITriggerFeed, IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private const int Page = 500;
    private const int ListenerBuffer = 1_000;

    private readonly Lock _gate = new();
    private readonly List<Channel<TriggerFeedItem>> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private Task? _loop;
    private FeedCursor? _position;
    private int _disposed;

    /// <summary>Something was stored: read it now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    public async IAsyncEnumerable<TriggerFeedItem> FollowAsync(FeedCursor? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<TriggerFeedItem>(new BoundedChannelOptions(ListenerBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        FeedCursor seen;
        lock (_gate)
        {
            _listeners.Add(channel);
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
        }

        Wake();

        try
        {
            // What was stored since the position (or since now), then the live part: the listener joined the
            // publishing before this read, so whatever this read misses reaches it through the channel.
            seen = after ?? await outbox.GetFeedHeadAsync(cancellationToken);
            while (true)
            {
                var backlog = await outbox.GetFeedAsync(seen, Page, cancellationToken);
                foreach (var item in backlog)
                {
                    seen = item.Cursor;
                    yield return item;
                }

                if (backlog.Count < Page)
                {
                    break;
                }
            }

            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (item.Cursor > seen)
                {
                    seen = item.Cursor;
                    yield return item;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners.Remove(channel);
            }
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                bool listening;
                lock (_gate)
                {
                    listening = _listeners.Count > 0;
                }

                if (!listening)
                {
                    // Nobody listens: no reads. The position stays, so nothing stored meanwhile is skipped
                    // for a listener that comes (it reads what it missed itself, then what this publishes).
                    await _wake.WaitAsync(Timeout.InfiniteTimeSpan, token);
                    continue;
                }

                _position ??= await outbox.GetFeedHeadAsync(token);

                IReadOnlyList<TriggerFeedItem> items;
                do
                {
                    items = await outbox.GetFeedAsync(_position.Value, Page, token);
                    Publish(items);
                }
                while (items.Count == Page);

                await _wake.WaitAsync(PollInterval, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReadFailed(ex);
                await Task.Delay(PollInterval, CancellationToken.None);
            }
        }
    }

    private void Publish(IReadOnlyList<TriggerFeedItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        _position = items[^1].Cursor;
        lock (_gate)
        {
            foreach (var listener in _listeners)
            {
                foreach (var item in items)
                {
                    listener.Writer.TryWrite(item);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as ITriggerFeed: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stopping.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trigger feed could not read the outbox; trying again")]
    private partial void LogReadFailed(Exception exception);
}
