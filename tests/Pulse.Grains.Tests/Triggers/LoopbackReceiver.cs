using System.Net;
using Pulse.Testing.Network;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>
/// A real HTTP webhook receiver on loopback (<see cref="HttpListener"/>): records every request and answers with
/// the status its handler picks; requests are handled concurrently, so a held answer holds only its own request.
/// </summary>
public sealed class LoopbackReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ReceivedRequest, Task<int>> _answer;
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Task _loop;

    private LoopbackReceiver(HttpListener listener, Uri url, Func<ReceivedRequest, Task<int>> answer)
    {
        _listener = listener;
        _answer = answer;
        Url = url;
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>Every request so far, in arrival order, with the status it got (0 while its answer is pending).</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a receiver whose handler picks each request's status.</summary>
    public static LoopbackReceiver Start(Func<ReceivedRequest, Task<int>> answer)
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/hooks/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new LoopbackReceiver(listener, url, answer);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The free port was taken meanwhile: another one.
                listener.Close();
            }
        }
    }

    /// <summary>A receiver that answers every request with <paramref name="status"/>.</summary>
    public static LoopbackReceiver Answering(int status) => Start(_ => Task.FromResult(status));

    /// <summary>How many 2xx answers requests with this idempotency key got.</summary>
    public int AcceptedCount(string idempotencyKey) =>
        Requests.Count(r => r.IdempotencyKey == idempotencyKey && r.Status is >= 200 and < 300);

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends on the closed listener.
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            ReceivedRequest request;
            lock (_gate)
            {
                request = new ReceivedRequest(_requests.Count + 1, DateTimeOffset.UtcNow, context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? string.Empty, headers, body.ToArray());
                _requests.Add(request);
            }

            var status = await _answer(request);
            lock (_gate)
            {
                // Recorded before the answer leaves, so whoever sees the delivery marked sees the count too.
                request.Status = status;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The sender gave up (a timeout) or the receiver closed.
        }
    }
}
