using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Failover.Tests;

/// <summary>
/// Sends purchases and page views for a fixed set of customers at a steady rate, retrying each batch
/// (on any silo it is given) until it is acknowledged, and keeps what every customer should now hold.
/// </summary>
public sealed class AcknowledgedFeed(int customers, string prefix)
{
    private readonly Dictionary<string, (long Count, decimal Spend)> _expected = [];
    private readonly Random _random = new(17);
    private long _sequence;
    private int _next;

    public IReadOnlyDictionary<string, (long Count, decimal Spend)> Expected => _expected;

    public long Acknowledged { get; private set; }

    public long Retries { get; private set; }

    public IEnumerable<string> CustomerIds => Enumerable.Range(0, customers).Select(Customer);

    /// <summary>Runs for <paramref name="duration"/> at about <paramref name="eventsPerSecond"/>, in batches of <paramref name="batch"/>.</summary>
    public async Task RunAsync(TimeSpan duration, int eventsPerSecond, int batch, Func<IReadOnlyList<Uri>> currentTargets, CancellationToken cancellationToken, Func<bool>? stopWhen = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var interval = TimeSpan.FromSeconds((double)batch / eventsPerSecond);
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end && stopWhen?.Invoke() != true)
        {
            var started = DateTime.UtcNow;
            var items = Enumerable.Range(0, batch).Select(_ => NextEvent()).ToList();
            await SendUntilAcknowledgedAsync(http, items, currentTargets, cancellationToken);
            foreach (var (customer, amount, _) in items)
            {
                var (count, spend) = _expected.GetValueOrDefault(customer);
                _expected[customer] = (count + 1, spend + amount);
            }

            Acknowledged += items.Count;
            var wait = interval - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    private async Task SendUntilAcknowledgedAsync(HttpClient http, List<(string Customer, decimal Amount, JsonObject Json)> items, Func<IReadOnlyList<Uri>> currentTargets, CancellationToken cancellationToken)
    {
        var body = new JsonArray([.. items.Select(i => (JsonNode)i.Json.DeepClone())]).ToJsonString();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var live = currentTargets();
            var target = live[_next++ % live.Count];
            try
            {
                using var response = await http.PostAsync(new Uri(target, "/api/v1/interactions"), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var result = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
                    var acknowledged = result["accepted"]!.GetValue<int>() + result["duplicates"]!.GetValue<int>();
                    if (acknowledged != items.Count)
                    {
                        throw new InvalidOperationException($"a batch of {items.Count} was acknowledged as {acknowledged}: {result}");
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The silo went away under the request: send the same batch again, elsewhere.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: nothing is known to be acknowledged; resending is safe.
            }

            Retries++;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("a batch was not acknowledged within 120 s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private (string Customer, decimal Amount, JsonObject Json) NextEvent()
    {
        var customer = Customer(_random.Next(customers));
        var purchase = _random.Next(4) == 0;
        var amount = purchase ? Math.Round((decimal)(_random.NextDouble() * 100) + 1, 2) : 0m;
        var json = new JsonObject
        {
            ["eventId"] = $"{prefix}-{++_sequence}",
            ["customerId"] = customer,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["channel"] = "web",
            ["kind"] = purchase ? "purchase" : "page-view",
        };
        if (purchase)
        {
            json["amount"] = amount;
        }

        return (customer, amount, json);
    }

    private string Customer(int n) => $"{prefix}-c{n}";
}
