using System.Net;

namespace Pulse.Web.Tests.Access;

/// <summary>A host whose keys may make 5 requests a second, 5 at once.</summary>
public sealed class SlowAccessHost : AccessHost
{
    protected override IEnumerable<string> Settings => ["--Pulse:Access:RequestsPerSecond=5", "--Pulse:Access:Burst=5"];
}

/// <summary>Per-key rate limits: a key over its rate gets 429 with Retry-After; another key is not slowed by it.</summary>
public sealed class RateLimitTests(SlowAccessHost host) : IClassFixture<SlowAccessHost>
{
    [Fact]
    public async Task A_key_over_its_rate_is_told_to_wait_and_another_key_is_not()
    {
        var token = TestContext.Current.CancellationToken;
        using var agent = host.Client(host.Keys["agent"]);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await agent.GetAsync("/api/v1/customers/nobody", token));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 10, 16);
        Assert.All(answers.Except(limited), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "a 429 says when to come back");
        Assert.Contains("5 requests a second", await limited[0].Content.ReadAsStringAsync(token), StringComparison.Ordinal);

        using var marketer = host.Client(host.Keys["marketer"]);
        Assert.Equal(HttpStatusCode.OK, (await marketer.GetAsync("/api/v1/segments", token)).StatusCode);
        answers.ForEach(a => a.Dispose());
    }
}
