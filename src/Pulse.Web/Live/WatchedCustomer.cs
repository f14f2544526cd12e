using Pulse.Contracts.Customers;

namespace Pulse.Web.Live;

/// <summary>
/// One customer watched from this process: the observer the customer grain tells, the browser
/// connections that want it, and a coalescing push (a burst of changes sends the latest profile once
/// more, never a queue of stale ones).
/// </summary>
internal sealed class WatchedCustomer(string customerId, Func<string, Task> push) : ICustomerWatcher
{
    private readonly Lock _lock = new();
    private bool _pushing;
    private bool _again;

    public string CustomerId { get; } = customerId;

    public HashSet<string> Connections { get; } = [];

    public ICustomerWatcher? Reference { get; set; }

    public Task CustomerChanged(string customerId)
    {
        lock (_lock)
        {
            if (_pushing)
            {
                _again = true;
                return Task.CompletedTask;
            }

            _pushing = true;
        }

        _ = PushUntilQuietAsync();
        return Task.CompletedTask;
    }

    private async Task PushUntilQuietAsync()
    {
        while (true)
        {
            try
            {
                await push(CustomerId);
            }
            catch (Exception)
            {
                // The next change pushes again; a browser that reconnects re-reads the card anyway.
            }

            lock (_lock)
            {
                if (!_again)
                {
                    _pushing = false;
                    return;
                }

                _again = false;
            }
        }
    }
}
