using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>Waits for an HTTP resource to meet a condition by polling it with a deadline: never a bare sleep.</summary>
internal static class HttpPolling
{
    /// <summary>GETs <paramref name="path"/> every <paramref name="interval"/> until its JSON meets <paramref name="condition"/>; a failed answer counts as "not yet".</summary>
    public static async Task<JsonNode> EventuallyAsync(
        this HttpClient http, string path, Func<JsonNode, bool> condition, TimeSpan timeout, TimeSpan interval, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(path, ct);
            last = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode && JsonNode.Parse(last) is { } node && condition(node))
            {
                return node;
            }

            await Task.Delay(interval, ct);
        }

        throw new TimeoutException($"{path} never met the condition; last: {last[..Math.Min(last.Length, 500)]}");
    }
}
