using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>The silo host as the README's run command starts it: demo feed on (faster and smaller here).</summary>
public sealed class DemoHostFixture : SiloHostFixture
{
    protected override IEnumerable<string> Settings =>
        ["--Pulse:Demo:Enabled=true", "--Pulse:Demo:EventsPerSecond=2000", "--Pulse:Demo:Customers=600", "--Pulse:Demo:HistoryDays=182"];
}

public sealed class DemoFeedTests(DemoHostFixture host) : IClassFixture<DemoHostFixture>
{
    [Fact]
    public async Task DemoCustomersAnswerAtOnceAndTheFeedKeepsChangingThem()
    {
        var first = await WaitForAsync("c-1", _ => true);
        Assert.True(first["interactionCount"]!.GetValue<long>() >= 1);

        // The population keeps receiving events: the total across the first 50 customers grows.
        var before = await TotalAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long after;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            after = await TotalAsync();
        }
        while (after <= before + 10 && DateTime.UtcNow < deadline);

        Assert.True(after > before + 10, $"the demo feed did not move the customers: {before} then {after}");
    }

    [Fact]
    public async Task With_history_the_demo_trains_churn_and_lifetime_value_and_customers_show_both()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var models = JsonNode.Parse(await host.Http.GetStringAsync("/api/v1/models", TestContext.Current.CancellationToken))!.AsArray();
            if (models.All(m => m!["version"]!.GetValue<int>() >= 1))
            {
                Assert.Equal("demo", models[2]!["requestedBy"]!.GetValue<string>());
                Assert.True(models[2]!["metrics"]!["auc"]!.GetValue<double>() > 0.6);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the demo did not publish every model: {models.ToJsonString()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        // A customer with history: six months of signup, purchases and calls, scored by both models.
        var profile = await WaitForAsync("c-1", p => p["churn"] is not null);
        Assert.True(DateTimeOffset.Parse(profile["firstSeen"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < DateTimeOffset.UtcNow.AddDays(-150));
        Assert.Equal(3, profile["churn"]!["reasons"]!.AsArray().Count);
    }

    private async Task<long> TotalAsync()
    {
        var total = 0L;
        for (var n = 1; n <= 50; n++)
        {
            var profile = await WaitForAsync($"c-{n}", _ => true);
            total += profile["interactionCount"]!.GetValue<long>();
        }

        return total;
    }

    private async Task<JsonNode> WaitForAsync(string id, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await host.Http.GetAsync($"/api/v1/customers/{id}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var profile = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
                if (condition(profile))
                {
                    return profile;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{id} did not appear");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
