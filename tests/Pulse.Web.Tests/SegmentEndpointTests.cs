using System.Net;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>The segments API on the demo silo (history, then a live feed at 2,000 events a second).</summary>
public sealed class SegmentEndpointTests(DemoHostFixture host) : IClassFixture<DemoHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Segments_form_from_the_feed_and_explain_themselves()
    {
        var listing = await EventuallyAsync("/api/v1/segments", l => l["seeded"]!.GetValue<bool>() && l["segments"]!.AsArray().Sum(s => s!["size"]!.GetValue<long>()) > 100);
        var segments = listing["segments"]!.AsArray();
        Assert.Equal(6, segments.Count);
        Assert.Equal(8, listing["features"]!.AsArray().Count);
        foreach (var segment in segments)
        {
            Assert.False(string.IsNullOrWhiteSpace(segment!["description"]!.GetValue<string>()));
            Assert.Equal(8, segment["centre"]!.AsObject().Count);
            Assert.True(segment["drift"]!["overWindow"]!.GetValue<double>() >= 0);
        }

        // A demo customer knows its segment.
        var customer = await EventuallyAsync("/api/v1/customers/c-1", p => p["segment"] is not null);
        Assert.InRange(customer["segment"]!["segment"]!.GetValue<int>(), 0, 5);
    }

    [Fact]
    public async Task A_segments_customers_come_a_page_at_a_time_in_id_order()
    {
        var listing = await EventuallyAsync("/api/v1/segments", l => l["segments"]!.AsArray().Any(s => s!["size"]!.GetValue<long>() >= 5));
        var id = listing["segments"]!.AsArray().First(s => s!["size"]!.GetValue<long>() >= 5)!["id"]!.GetValue<int>();

        var first = JsonNode.Parse(await host.Http.GetStringAsync($"/api/v1/segments/{id}/customers?limit=2", Token))!;
        var next = first["next"]!.GetValue<string>();
        var second = JsonNode.Parse(await host.Http.GetStringAsync($"/api/v1/segments/{id}/customers?limit=2&after={Uri.EscapeDataString(next)}", Token))!;
        var ids = first["customers"]!.AsArray().Concat(second["customers"]!.AsArray()).Select(c => c!["customerId"]!.GetValue<string>()).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(first["customers"]!.AsArray(), c => Assert.Equal(id, c!["segment"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_model_hears_from_the_silo_about_once_a_second_however_fast_events_arrive()
    {
        await EventuallyAsync("/api/v1/segments/status", s => s["seeded"]!.GetValue<bool>());
        await Task.Delay(3_000, Token);
        var status = JsonNode.Parse(await host.Http.GetStringAsync("/api/v1/segments/status", Token))!;
        var rates = status["flushesPerSecondBySilo"]!.AsObject();
        Assert.Single(rates);
        var rate = rates.Single().Value!.GetValue<double>();
        Assert.True(rate <= 1.1, $"{rate} flushes a second at 2,000 events a second");
    }

    [Fact]
    public async Task Suggest_k_scans_inertia_and_silhouette_and_bad_input_names_the_field()
    {
        await EventuallyAsync("/api/v1/segments/status", s => s["samplePoints"]!.GetValue<int>() >= 100);
        var suggestion = JsonNode.Parse(await host.Http.GetStringAsync("/api/v1/segments/suggest-k?max=6", Token))!;
        var choices = suggestion["choices"]!.AsArray();
        Assert.Equal([2, 3, 4, 5, 6], choices.Select(c => c!["k"]!.GetValue<int>()));
        var inertia = choices.Select(c => c!["inertia"]!.GetValue<double>()).ToList();
        Assert.True(inertia[^1] < inertia[0], "more segments fit the sample more tightly");
        Assert.InRange(suggestion["elbow"]!.GetValue<int>(), 2, 6);

        using var badMax = await host.Http.GetAsync("/api/v1/segments/suggest-k?max=1", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badMax.StatusCode);
        Assert.Contains("max", await badMax.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var badLimit = await host.Http.GetAsync("/api/v1/segments/0/customers?limit=0", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit", await badLimit.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private Task<JsonNode> EventuallyAsync(string path, Func<JsonNode, bool> condition) =>
        host.Http.EventuallyAsync(path, condition, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), Token);
}
