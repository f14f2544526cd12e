using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Browser.Tests.Infrastructure;

/// <summary>The bits of Pulse's HTTP API the browser tests use to set the scene and to learn what to expect.</summary>
public static class PulseApi
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static JsonObject Interaction(string customer, string eventId, string channel, string kind, decimal? amount = null, string? text = null)
    {
        var item = new JsonObject
        {
            ["eventId"] = eventId,
            ["customerId"] = customer,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["channel"] = channel,
            ["kind"] = kind,
        };
        if (amount is not null)
        {
            item["amount"] = amount;
        }

        if (text is not null)
        {
            item["text"] = text;
        }

        return item;
    }

    /// <summary>POST /api/v1/interactions with a JSON array; every item must be accepted.</summary>
    public static async Task PostInteractionsAsync(this HttpClient http, params JsonObject[] items)
    {
        using var response = await http.PostAsync("api/v1/interactions", Json(new JsonArray([.. items]).ToJsonString()), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/v1/interactions: {(int)response.StatusCode} {body}");
        Assert.True(JsonNode.Parse(body)!["accepted"]!.GetValue<int>() == items.Length, body);
    }

    /// <summary>Waits until the customer exists with at least <paramref name="count"/> interactions applied.</summary>
    public static async Task WaitForCustomerAsync(this HttpClient http, string customer, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await http.GetAsync($"api/v1/customers/{customer}", Token);
            if (response.IsSuccessStatusCode
                && JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["interactionCount"]!.GetValue<long>() >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{customer} never reached {count} interaction(s)");
            }

            await Task.Delay(20, Token);
        }
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> PutRuleAsync(this HttpClient http, string id, string json)
    {
        using var response = await http.PutAsync($"api/v1/triggers/{id}", Json(json), Token);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!);
    }

    public static async Task<HttpStatusCode> GetStatusAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Token);
        return response.StatusCode;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path) =>
        JsonNode.Parse(await http.GetStringAsync(path, Token))!;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
