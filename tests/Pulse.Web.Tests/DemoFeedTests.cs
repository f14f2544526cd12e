using System.Text.Json.Nodes;

namespace Pulse.Web.Tests;

/// <summary>The silo host as the README's run command starts it: demo feed on (faster and smaller here).</summary>
public sealed class DemoHostFixture : SiloHostFixture
{
    protected override IEnumerable<string> Settings =>
        ["--Pulse:Demo:Enabled=true", "--Pulse:Demo:EventsPerSecond=2000", "--Pulse:Demo:Customers=300"];
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
