using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Tests.Cluster;
using Pulse.Grains.Triggers.Registry;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>The trigger registry grain and every silo's rule cache, on a two-silo cluster.</summary>
public sealed class TriggerRegistryTests(TriggerClusterFixture fixture) : IClassFixture<TriggerClusterFixture>
{
    private ITriggerRegistryGrain Registry => fixture.Pulse.Client.GetGrain<ITriggerRegistryGrain>(0);

    private static string Rule(string id, string when = """{ "fact": "churn.probability", "above": 0.7, "rearmBelow": 0.6 }""", string extra = "") => $$"""
        { "id": "{{id}}", "name": "Retain at-risk customers", "category": "service", "when": {{when}}{{extra}} }
        """;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task Save_replace_and_delete_each_move_the_registry_version_and_store_the_rule_in_pulses_form()
    {
        var id = NewId("crud");
        var before = await Registry.GetVersionAsync();

        var created = await Registry.SaveAsync(id, Rule(id, extra: """, "cooldown": "P7D" """));
        Assert.True(created.IsValid, string.Join("; ", created.Problems));
        Assert.True(created.Created);
        Assert.Equal(before + 1, created.Saved!.Version);
        Assert.Equal(before + 1, await Registry.GetVersionAsync());
        Assert.Contains($"\"version\":{before + 1}", created.Saved.Json, StringComparison.Ordinal);
        Assert.Contains("\"cooldown\":\"7d\"", created.Saved.Json, StringComparison.Ordinal); // written back in the shortest form
        Assert.True(created.Saved.Enabled);

        var replaced = await Registry.SaveAsync(id, Rule(id, extra: """, "enabled": false """));
        Assert.False(replaced.Created);
        Assert.Equal(before + 2, replaced.Saved!.Version);
        Assert.False(replaced.Saved.Enabled);
        Assert.Equal(replaced.Saved, await Registry.GetAsync(id));
        Assert.Single((await Registry.GetRuleSetAsync()).Rules, r => r.Id == id);

        Assert.True(await Registry.DeleteAsync(id));
        Assert.Equal(before + 3, await Registry.GetVersionAsync());
        Assert.Null(await Registry.GetAsync(id));
        Assert.False(await Registry.DeleteAsync(id));
        Assert.Equal(before + 3, await Registry.GetVersionAsync());
    }

    [Fact]
    public async Task A_body_without_an_id_takes_the_paths_and_a_different_id_is_refused()
    {
        var id = NewId("noid");
        var saved = await Registry.SaveAsync(id, """{ "name": "n", "category": "service", "when": { "event": "complaint" } }""");
        Assert.True(saved.IsValid, string.Join("; ", saved.Problems));
        Assert.Contains($"\"id\":\"{id}\"", saved.Saved!.Json, StringComparison.Ordinal);

        var version = await Registry.GetVersionAsync();
        var mismatch = await Registry.SaveAsync(id, Rule("another-id"));
        Assert.Equal("id", Assert.Single(mismatch.Problems).Path);
        var badPath = await Registry.SaveAsync("not an id!", Rule("not an id!"));
        Assert.Contains(badPath.Problems, p => p.Path == "id");
        Assert.Equal(version, await Registry.GetVersionAsync());
        await Registry.DeleteAsync(id);
    }

    [Fact]
    public async Task An_invalid_rule_yields_every_problem_with_its_path_and_stores_nothing()
    {
        var id = NewId("bad");
        var version = await Registry.GetVersionAsync();

        var result = await Registry.SaveAsync(id, Rule(id, """
            { "all": [ { "fact": "churn.probabilty", "above": 0.7 }, { "fact": "clv.value", "above": 500, "rearmBelow": 600 } ] }
            """, """, "colour": "red" """));

        Assert.False(result.IsValid);
        Assert.Null(result.Saved);
        Assert.Contains(result.Problems, p => p.Path == "when.all[0].fact" && p.Message.Contains("churn.probability", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Path == "when.all[1].rearmBelow");
        Assert.Contains(result.Problems, p => p.Path == "colour");
        Assert.Equal("$", Assert.Single((await Registry.SaveAsync(id, "{ not json")).Problems).Path);
        Assert.Equal(version, await Registry.GetVersionAsync());
        Assert.Null(await Registry.GetAsync(id));
    }

    [Fact]
    public async Task Webhook_secrets_must_be_configured_and_the_problem_names_the_setting()
    {
        var id = NewId("hooks");
        var version = await Registry.GetVersionAsync();

        var missing = await Registry.SaveAsync(id, Rule(id, extra: """
            , "webhooks": [ { "url": "https://crm.example.com/a", "secretName": "crm-signing" }, { "url": "https://crm.example.com/b", "secretName": "erp-signing" } ]
            """));
        var problem = Assert.Single(missing.Problems);
        Assert.Equal("webhooks[1].secretName", problem.Path);
        Assert.Contains("Pulse:Triggers:Secrets:erp-signing", problem.Message, StringComparison.Ordinal);
        Assert.Equal(version, await Registry.GetVersionAsync());

        // Without a name, the default secret signs; it is configured here.
        var unnamed = await Registry.SaveAsync(id, Rule(id, extra: """, "webhooks": [ { "url": "https://crm.example.com/a" } ] """));
        Assert.True(unnamed.IsValid, string.Join("; ", unnamed.Problems));
        await Registry.DeleteAsync(id);
    }

    [Fact]
    public async Task A_saved_rule_reaches_the_cache_of_every_silo_within_a_second_compiled()
    {
        var id = NewId("reach");
        var caches = fixture.Pulse.Cluster.Silos.Select(s => fixture.Pulse.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<TriggerRuleCache>()).ToList();
        Assert.Equal(2, caches.Count);

        var clock = Stopwatch.StartNew();
        var saved = (await Registry.SaveAsync(id, Rule(id, extra: """, "rateLimit": 50, "priority": 7 """))).Saved!;
        var pending = caches.ToList();
        while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            pending.RemoveAll(c => c.Current is { } s && s.Version >= saved.Version && s.Rules.RuleIds.Contains(id));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var elapsed = clock.Elapsed;
        Assert.Empty(pending);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the rule reached every silo after {elapsed.TotalMilliseconds:0} ms");

        foreach (var cache in caches)
        {
            var snapshot = cache.Current!;
            var index = snapshot.Rules.RuleIds.ToList().IndexOf(id);
            var rule = snapshot.Rules.Rules[index];
            Assert.Equal(saved.Version, rule.Version);
            Assert.Equal(7, rule.Priority);
            Assert.True(rule.Enabled);
            Assert.Equal(snapshot.Rules.Rules.Count, snapshot.Webhooks.Count);

            // Two silos: each holds half of the rule's 50 firings a second.
            Assert.Equal(2, snapshot.RateLimiter.Silos);
            Assert.Equal(25, snapshot.RateLimiter.SiloRate(index));
        }

        await Registry.DeleteAsync(id);
    }

    [Fact]
    public async Task A_disabled_rule_is_compiled_but_disabled_and_webhooks_line_up_with_the_rules()
    {
        var id = NewId("off");
        var hooked = NewId("hook");
        await Registry.SaveAsync(id, Rule(id, extra: """, "enabled": false, "priority": 1000 """));
        var saved = (await Registry.SaveAsync(hooked, Rule(hooked, extra: """, "priority": -1000, "webhooks": [ { "url": "https://crm.example.com/pulse", "secretName": "crm-signing" } ] """))).Saved!;

        foreach (var silo in fixture.Pulse.Cluster.Silos)
        {
            var cache = fixture.Pulse.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<TriggerRuleCache>();
            await cache.RefreshAsync();
            var snapshot = cache.Current!;
            Assert.True(snapshot.Version >= saved.Version);
            var ids = snapshot.Rules.RuleIds.ToList();
            Assert.False(snapshot.Rules.Rules[ids.IndexOf(id)].Enabled);
            Assert.Empty(snapshot.Webhooks[ids.IndexOf(id)]);
            var target = Assert.Single(snapshot.Webhooks[ids.IndexOf(hooked)]);
            Assert.Equal("https://crm.example.com/pulse", target.Url);
            Assert.Equal("crm-signing", target.SecretName);
        }

        await Registry.DeleteAsync(id);
        await Registry.DeleteAsync(hooked);
    }

    [Fact]
    public async Task The_rate_share_follows_the_number_of_silos()
    {
        await using var pulse = await PulseTestCluster.StartAsync(2, TimeSpan.FromMinutes(10), settings: TriggerClusterFixture.Secrets);
        var registry = pulse.Client.GetGrain<ITriggerRegistryGrain>(0);
        var saved = (await registry.SaveAsync("limited", Rule("limited", extra: """, "rateLimit": 60 """))).Saved!;
        var first = pulse.Cluster.GetSiloServiceProvider(pulse.Cluster.Silos[0].SiloAddress).GetRequiredService<TriggerRuleCache>();

        await Eventually.ReturnsAsync(() => Task.FromResult(first.Current), s => s?.Version == saved.Version && s.RateLimiter.SiloRate(0) == 30, "60/s shared by 2 silos");

        // A third silo joins: the existing silos' shares shrink without any rule changing.
        await pulse.Cluster.StartAdditionalSiloAsync();
        var third = await Eventually.ReturnsAsync(() => Task.FromResult(first.Current), s => s?.RateLimiter.Silos == 3, "the share to follow the third silo", TimeSpan.FromSeconds(30));
        Assert.Equal(saved.Version, third!.Version);
        Assert.Equal(20, third.RateLimiter.SiloRate(0));
    }
}
