using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Pulse.Cli.Bench;

/// <summary>
/// The bench's webhook receiver: an <see cref="HttpListener"/> on loopback that answers 200 at once and notes
/// when each firing arrived, by the id of the event that caused it.
/// </summary>
internal sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeProvider _time;
    private readonly Task _loop;

    public WebhookListener(int port, string timedRule, TimeProvider time)
    {
        _time = time;
        TimedRule = timedRule;
        Port = port == 0 ? FreePort() : port;
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    public int Port { get; }

    /// <summary>The rule whose firings are timed (by the id of the event that caused them).</summary>
    public string TimedRule { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    /// <summary>Arrival timestamps (<see cref="TimeProvider.GetTimestamp"/>) of the timed rule's firings, by causing event id.</summary>
    public ConcurrentDictionary<string, long> ArrivedByEvent { get; } = new(StringComparer.Ordinal);

    public int Received => _received;

    /// <summary>Firings that arrived again with an idempotency key already seen.</summary>
    public int Duplicates => _duplicates;

    private int _received;
    private int _duplicates;

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var at = _time.GetTimestamp();
        try
        {
            using var document = JsonDocument.Parse(context.Request.InputStream);
            Interlocked.Increment(ref _received);

            // A firing delivered twice comes with the same idempotency key; several rules firing on one
            // event share its event id, so only the probe rule's arrivals are timed by event.
            if (!_keys.TryAdd(context.Request.Headers["Pulse-Idempotency-Key"] ?? string.Empty, 0))
            {
                Interlocked.Increment(ref _duplicates);
            }

            if (document.RootElement.TryGetProperty("ruleId", out var rule) && rule.GetString() == TimedRule
                && document.RootElement.TryGetProperty("eventId", out var id) && id.GetString() is { } eventId)
            {
                ArrivedByEvent.TryAdd(eventId, at);
            }

            context.Response.StatusCode = 200;
        }
        catch (JsonException)
        {
            context.Response.StatusCode = 400;
        }
        finally
        {
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
